using System.CommandLine;
using System.Globalization;
using OneProxy.Application.L2o;
using OneProxy.Cli.Output;
using OneProxy.Data;
using OneProxy.Energy.LearnToOptimize;

namespace OneProxy.Cli.Commands.L2o;

/// <summary><c>oneproxy l2o train</c>: Algorithm 2 (performance networks, then the optimizer by Method 1 or 2); writes a JSON model file.</summary>
public static class L2oTrainCommand
{
    public static Command Create()
    {
        var set = new Option<L2oDeviceSet>("--devices") { Description = "measured (the latency table's devices, signature features) or accelerators (design-grid configurations, cost model)", DefaultValueFactory = _ => L2oDeviceSet.Measured };
        var space = CommonOptions.Space();
        var latency = CommonOptions.Latency();
        var accuracy = CommonOptions.Accuracy();
        var accuracyColumn = CommonOptions.AccuracyColumn();
        var holdout = new Option<string[]>("--holdout") { Description = "Measured devices to leave out of training (comma-separated); or use --folds/--fold", CustomParser = CommonOptions.CommaList };
        var folds = new Option<int>("--folds") { Description = "Seeded partition of the measured devices into folds", DefaultValueFactory = _ => 4 };
        var fold = new Option<int>("--fold") { Description = "The fold held out (0-based)", DefaultValueFactory = _ => 0 };
        var refs = new Option<int>("--references") { Description = "k reference architectures of a measured device's signature (k measurements per new device)", DefaultValueFactory = _ => 10 };
        var configs = new Option<int>("--train-configs") { Description = "Accelerator configurations to train on", DefaultValueFactory = _ => 100 };
        var method = new Option<int>("--method") { Description = "1: supervised on per-device optima (Eq. 1.9); 2: through the frozen networks (Eq. 1.10)", DefaultValueFactory = _ => 1 };
        var relax = new Option<RelaxedInput>("--relaxation") { Description = "Method 2's input to the networks: soft or straightthrough", DefaultValueFactory = _ => RelaxedInput.Soft };
        var iterations = new Option<int>("--iterations") { Description = "Rounds of Algorithm 2 (measure, refit, retrain, explore)", DefaultValueFactory = _ => 3 };
        var explore = new Option<int>("--explore") { Description = "Designs measured per training device per round", DefaultValueFactory = _ => 200 };
        var synthetic = new Option<int>("--synthetic") { Description = "Synthetic devices D_S (mixes of two training devices)", DefaultValueFactory = _ => 40 };
        var lambdas = new Option<int>("--lambdas") { Description = "Trade-off vectors drawn per device (Lambda_T)", DefaultValueFactory = _ => 64 };
        var epochs = new Option<int>("--epochs") { Description = "Optimizer epochs per round", DefaultValueFactory = _ => 100 };
        var temperature = new Option<double>("--temperature") { Description = "Softmax temperature of the soft design", DefaultValueFactory = _ => 1.0 };
        var seed = CommonOptions.Seed();
        var output = new Option<string>("--output", "-o") { Description = "Model file to write (JSON)", Required = true };
        var cmd = new Command("train", "Train performance networks and the optimizer network x̂(d, λ) (Algorithm 2) on training devices; held-out devices are never used.\n" +
            "Example: oneproxy l2o train --devices measured --folds 4 --fold 0 --method 1 --seed 1 -o l2o-fold0.json")
        { set, space, latency, accuracy, accuracyColumn, holdout, folds, fold, refs, configs, method, relax, iterations, explore, synthetic, lambdas, epochs, temperature, seed, output };
        cmd.SetAction(CommandRunner.Guarded((parse, ct) =>
        {
            var s = parse.GetValue(space)!;
            var training = new L2oTrainingOptions
            {
                Iterations = parse.GetValue(iterations), ExplorePerRound = parse.GetValue(explore), SyntheticDevices = parse.GetValue(synthetic), LambdasPerDevice = parse.GetValue(lambdas),
                Optimizer = new OptimizerTrainingOptions
                {
                    Method = (L2oMethod)parse.GetValue(method), Relaxation = parse.GetValue(relax), Epochs = parse.GetValue(epochs), Temperature = parse.GetValue(temperature),
                },
            };
            var request = new L2oTrainOptions(parse.GetValue(set), s, parse.GetValue(latency) ?? DatasetLocator.File(s, "latency_ms.csv"),
                parse.GetValue(accuracy) ?? DatasetLocator.File(s, "architectures.csv"), parse.GetValue(accuracyColumn)!, parse.GetValue(holdout) ?? [],
                parse.GetValue(folds), parse.GetValue(fold), parse.GetValue(refs), parse.GetValue(configs), parse.GetValue(seed), parse.GetValue(output)!, training);
            var r = ProgressBar.Run(parse, "training (rounds of Algorithm 2)", p => L2oTrainUseCase.Run(request, ct, p));
            var w = parse.InvocationConfiguration.Output;
            var inv = CultureInfo.InvariantCulture;
            w.WriteLine($"trained on {r.Model.TrainingDevices.Count} devices (+{r.Model.SyntheticDevices} synthetic); held out: {string.Join(",", r.HeldOut.Take(12))}{(r.HeldOut.Count > 12 ? $", ... ({r.HeldOut.Count})" : "")}");
            foreach (var x in r.Model.Rounds)
                w.WriteLine(string.Create(inv, $"round {x.Round}: {x.Measured} designs measured per device, accuracy MSE {x.AccuracyMse:0.000}, cost MSE (ln) {string.Join("/", x.CostMse.Select(v => v.ToString("0.0000", inv)))}, optimizer loss {x.OptimizerLoss:0.0000}, median gap on training pairs {x.TrainGap:P2}, {x.Seconds:0.0} s"));
            w.WriteLine(string.Create(inv, $"wrote {parse.GetValue(output)} in {r.Seconds:0.0} s"));
            return 0;
        }));
        return cmd;
    }
}

using System.CommandLine;
using System.Globalization;
using OneProxy.Data;
using OneProxy.Energy.Gradient;

namespace OneProxy.Cli.Commands.Energy;

/// <summary><c>oneproxy energy gradient-search</c>: ProxylessNAS-style search through the predictors, against NSGA-II at equal predictor calls.</summary>
public static class EnergyGradientSearchCommand
{
    public static Command Create()
    {
        var space = CommonOptions.Space();
        var latency = CommonOptions.Latency();
        var device = new Option<string>("--device") { Description = "Latency column whose linear operator-level predictor is searched", DefaultValueFactory = _ => "pixel3" };
        var accuracy = CommonOptions.Accuracy();
        var accuracyColumn = CommonOptions.AccuracyColumn();
        var train = new Option<int>("--train") { Description = "Architectures the MLP accuracy predictor is trained on", DefaultValueFactory = _ => 1000 };
        var weights = new Option<int>("--weights") { Description = "Trade-off weights t (one gradient run each)", DefaultValueFactory = _ => 16 };
        var steps = new Option<int>("--steps") { Description = "Adam steps per weight", DefaultValueFactory = _ => 60 };
        var samples = new Option<int>("--samples") { Description = "Gumbel samples per step", DefaultValueFactory = _ => 4 };
        var lr = new Option<double>("--learning-rate") { Description = "Adam step size on the logits", DefaultValueFactory = _ => 0.1 };
        var sampling = new Option<string>("--sampling") { Description = "straight-through or soft", DefaultValueFactory = _ => "straight-through" }.AcceptOnlyFromAmong("straight-through", "soft");
        var seeds = new Option<int>("--seeds") { Description = "Repetitions (new MLP, new samples)", DefaultValueFactory = _ => 3 };
        var seed = CommonOptions.Seed();
        var cmd = new Command("gradient-search", "Gradient search through the predictors (categorical per gene, expected latency, Gumbel-softmax, Adam) vs NSGA-II at equal predictor calls: HV ratio to the exhaustive front.\n" +
            "Example: oneproxy energy gradient-search --space nasbench201 --device pixel3 --seeds 3")
        { space, latency, device, accuracy, accuracyColumn, train, weights, steps, samples, lr, sampling, seeds, seed };
        cmd.SetAction(CommandRunner.Guarded(parse =>
        {
            var s = parse.GetValue(space)!;
            var search = new GradientSearchOptions
            {
                Weights = parse.GetValue(weights), Steps = parse.GetValue(steps), SamplesPerStep = parse.GetValue(samples), LearningRate = parse.GetValue(lr),
                Sampling = parse.GetValue(sampling) == "soft" ? GradientSampling.Soft : GradientSampling.StraightThrough,
            };
            var r = GradientSearchUseCase.Run(new GradientSearchRunOptions(s, parse.GetValue(latency) ?? DatasetLocator.File(s, "latency_ms.csv"), parse.GetValue(device)!,
                parse.GetValue(accuracy) ?? DatasetLocator.File(s, "architectures.csv"), parse.GetValue(accuracyColumn)!, parse.GetValue(train), parse.GetValue(seeds), parse.GetValue(seed), search));
            var w = parse.InvocationConfiguration.Output;
            var inv = CultureInfo.InvariantCulture;
            w.WriteLine($"seed  calls(grad)  calls(nsga2)  HV grad  HV nsga2  grad/nsga2  s grad  s nsga2   ({r.Device}, oracle front {r.OracleFront} points)");
            foreach (var x in r.Rows)
                w.WriteLine(string.Create(inv, $"{x.Seed,4}  {x.GradientCalls,11}  {x.EvolutionCalls,12}  {x.GradientHv,7:0.0000}  {x.EvolutionHv,8:0.0000}  {x.GradientHv / x.EvolutionHv,10:0.0000}  {x.GradientSeconds,6:0.00}  {x.EvolutionSeconds,7:0.00}"));
            w.WriteLine(string.Create(inv, $"mean  HV grad {r.Rows.Average(x => x.GradientHv):0.0000}, HV nsga2 {r.Rows.Average(x => x.EvolutionHv):0.0000}, ratio {r.Rows.Average(x => x.GradientHv / x.EvolutionHv):0.0000}"));
            return 0;
        }));
        return cmd;
    }
}

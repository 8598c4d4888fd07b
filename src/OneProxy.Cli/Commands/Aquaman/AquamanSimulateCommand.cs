using System.CommandLine;
using OneProxy.Aquaman.Evaluation;
using OneProxy.Aquaman.Policies;
using OneProxy.Cli.Output;

namespace OneProxy.Cli.Commands.Aquaman;

/// <summary><c>oneproxy aquaman simulate</c>: policies against an environment with delayed feedback, over seeds.</summary>
public static class AquamanSimulateCommand
{
    public static Command Create()
    {
        var env = new Option<string>("--env") { Description = "thesis | synthetic | synthetic-laplacian | synthetic-large | measured", DefaultValueFactory = _ => "thesis" };
        var rounds = new Option<int>("--rounds") { Description = "Rounds T (one arriving device each)", DefaultValueFactory = _ => 20_000 };
        var maxDelay = new Option<int>("--max-delay") { Description = "Feedback delays are uniform on 1..N rounds", DefaultValueFactory = _ => 500 };
        var missing = new Option<double>("--missing") { Description = "Probability that a feedback never arrives", DefaultValueFactory = _ => 0 };
        var policies = new Option<PolicyKind[]>("--policies") { Description = "Comma-separated: aquaman, aquaman-const, aquaman-diag, aquaman-ts, aquaman-eucb, aquaman-nlucb, aquaman-nlridge, aquaman-nlaug, aquaman-nlres, neuralucb, egreedy, linucb, random, static, oracle", DefaultValueFactory = _ => [PolicyKind.Aquaman, PolicyKind.Static, PolicyKind.Oracle, PolicyKind.LinUcb, PolicyKind.EGreedy], CustomParser = AquamanCommand.PolicyList };
        var seeds = new Option<int>("--seeds") { Description = "Repetitions with seeds --seed .. --seed+N-1", DefaultValueFactory = _ => 10 };
        var seed = CommonOptions.Seed();
        var gamma = new Option<double>("--gamma") { Description = "Exploration weight γ of the neural UCB bonus", DefaultValueFactory = _ => new NeuralBanditOptions().Gamma };
        var width = new Option<int>("--width") { Description = "Hidden width m of the QoE network (4 layers)", DefaultValueFactory = _ => new NeuralBanditOptions().HiddenWidth };
        var eps = new Option<double>("--epsilon") { Description = "ε of the ε-greedy baseline", DefaultValueFactory = _ => new NeuralBanditOptions().Epsilon };
        var first = new Option<int>("--first-retrain") { Description = "Also retrain at N, 2N, 4N, ... feedbacks before the 100th (0 = thesis schedule only)", DefaultValueFactory = _ => new NeuralBanditOptions().FirstRetrain };
        var refresh = new Option<bool>("--z-refresh") { Description = "Rebuild Z with the new θ at each retraining (false: add each gradient at arrival only)", DefaultValueFactory = _ => new NeuralBanditOptions().RefreshZ };
        var uniform = new Option<int>("--uniform-until") { Description = "Choose uniformly until N feedbacks have arrived (1 = Alg. 3)", DefaultValueFactory = _ => new NeuralBanditOptions().UniformFeedbacks };
        var lr = new Option<double>("--learning-rate") { Description = "Adam step size of the QoE network's retrainings", DefaultValueFactory = _ => new NeuralBanditOptions().LearningRate };
        var maxContexts = new Option<int>("--max-training-contexts") { Description = "Most distinct contexts per retraining, a random subset above (0 = all)", DefaultValueFactory = _ => new NeuralBanditOptions().MaxTrainingContexts };
        var epochs = new Option<int>("--epochs") { Description = "Full-batch Adam steps per retraining", DefaultValueFactory = _ => new NeuralBanditOptions().Epochs };
        var ensemble = new Option<int>("--ensemble") { Description = "Members of the bootstrapped ensembles (aquaman-ts, aquaman-eucb)", DefaultValueFactory = _ => new SimulationOptions().EnsembleSize };
        var beta = new Option<double>("--ensemble-beta") { Description = "β of aquaman-eucb: mean + β·sd over members", DefaultValueFactory = _ => new SimulationOptions().EnsembleBeta };
        var nlAlpha = new Option<double>("--nlucb-alpha") { Description = "α of aquaman-nlucb / aquaman-nlridge (per-model bonus on the last hidden layer)", DefaultValueFactory = _ => new SimulationOptions().NeuralLinUcbAlpha };
        var rawScale = new Option<double>("--nlaug-raw-scale") { Description = "aquaman-nlaug: scale s of the device features beside φ (ridge penalty λ/s² on them)", DefaultValueFactory = _ => new SimulationOptions().AugmentedRawScale };
        var augUniform = new Option<int>("--nlaug-uniform-rounds") { Description = "aquaman-nlaug: choose uniformly for the first N rounds (0: --uniform-until's rule)", DefaultValueFactory = _ => new SimulationOptions().AugmentedUniformRounds };
        var alpha = new Option<double>("--linucb-alpha") { Description = "LinUCB exploration weight α", DefaultValueFactory = _ => new SimulationOptions().LinUcbAlpha };
        var devices = new Option<int?>("--device-types") { Description = "Synthetic envs: device types in the population (default 200; 1000 for synthetic-large)" };
        var models = new Option<int?>("--synthetic-models") { Description = "Synthetic envs: synthetic models besides the 5 real ones (default 10; 95 for synthetic-large)" };
        var measured = new Option<string?>("--measured-data") { Description = "Measured env: CSV of measurements (default docs/data/aquaman-measured.csv)" };
        var threads = new Option<int>("--threads") { Description = "Parallel runs", DefaultValueFactory = _ => Environment.ProcessorCount };
        var format = CommonOptions.Format();
        var output = CommonOptions.Output();
        var plot = new Option<string?>("--plot") { Description = "Write the time-average QoE figure here (.svg, .png or .pdf)" };
        var details = new Option<string?>("--details") { Description = "Directory for summary/curves/selections/loss CSVs and regret, CDF, selections, loss SVGs" };
        var cmd = new Command("simulate",
            "Simulate model selection with delayed QoE feedback: time-average QoE, regret, top-3 hit ratio over seeds.\n" +
            "Example: oneproxy aquaman simulate --env thesis --rounds 20000 --max-delay 500 --policies aquaman,static,oracle,linucb,egreedy --seeds 10 --format csv --plot qoe.svg")
        {
            env, rounds, maxDelay, missing, policies, seeds, seed, gamma, width, eps, first, refresh, uniform, lr, maxContexts, epochs, ensemble, beta, nlAlpha, rawScale, augUniform, alpha, devices, models, measured, threads, format, output, plot, details,
        };
        cmd.SetAction(CommandRunner.Guarded(parse =>
        {
            if (!Factories.TryParseEnvironment(parse.GetValue(env)!, out var kind))
                throw new UnusableDataException($"--env: unknown environment '{parse.GetValue(env)}' (expected thesis, synthetic, synthetic-laplacian, synthetic-large or measured)");
            var options = new SimulationOptions
            {
                Environment = kind, Rounds = parse.GetValue(rounds), MaxDelay = parse.GetValue(maxDelay), MissingRate = parse.GetValue(missing),
                Policies = parse.GetValue(policies)!, Seeds = parse.GetValue(seeds), FirstSeed = parse.GetValue(seed), Threads = parse.GetValue(threads),
                Neural = new NeuralBanditOptions
                {
                    Gamma = parse.GetValue(gamma), HiddenWidth = parse.GetValue(width), Epsilon = parse.GetValue(eps),
                    FirstRetrain = parse.GetValue(first), RefreshZ = parse.GetValue(refresh), LearningRate = parse.GetValue(lr), UniformFeedbacks = parse.GetValue(uniform),
                    MaxTrainingContexts = parse.GetValue(maxContexts), Epochs = parse.GetValue(epochs),
                },
                LinUcbAlpha = parse.GetValue(alpha), EnsembleSize = parse.GetValue(ensemble), EnsembleBeta = parse.GetValue(beta), NeuralLinUcbAlpha = parse.GetValue(nlAlpha), AugmentedRawScale = parse.GetValue(rawScale), AugmentedUniformRounds = parse.GetValue(augUniform),
                DeviceTypes = parse.GetValue(devices), SyntheticModels = parse.GetValue(models), MeasuredData = parse.GetValue(measured),
            }.Validated();
            var request = new SimulateRequest(options, parse.GetValue(format)!, Log.FigurePath(parse, plot), parse.GetValue(details));
            var result = ProgressBar.Run("simulating", options.Seeds * options.Policies.Count, progress => SimulateUseCase.Execute(request, progress));
            var err = parse.InvocationConfiguration.Error;
            err.WriteLine($"{result.Report.EnvironmentLabel}: {result.Report.Runs.Count} runs in {result.Report.Seconds:0.0} s");
            foreach (var f in result.FilesWritten) err.WriteLine($"wrote {f}");
            CommonOptions.Emit(parse, output, result.Text);
            return 0;
        }));
        return cmd;
    }
}

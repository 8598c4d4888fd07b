using System.Diagnostics;
using OneProxy.Aquaman.Environments;
using OneProxy.Aquaman.Policies;
using OneProxy.Learning;

namespace OneProxy.Aquaman.Evaluation;

/// <summary>Settings of <c>aquaman bench</c>.</summary>
public sealed record BenchOptions
{
    public int Arms { get; init; } = 15;
    public int Decisions { get; init; } = 2000;

    /// <summary>Feedbacks put into Z before decisions are timed (a policy mid-run, not a fresh one).</summary>
    public int WarmFeedbacks { get; init; } = 2000;

    public int TrainingFeedbacks { get; init; } = 20_000;
    public int Epochs { get; init; } = 100;
    public IReadOnlyList<int> Widths { get; init; } = [16, 32];

    /// <summary>Rounds of the timed full simulations (Aquaman with its defaults, thesis and synthetic RBF; 0 = none).</summary>
    public int SimulationRounds { get; init; } = 20_000;
    public int Seed { get; init; }

    public BenchOptions Validated()
    {
        if (Arms < 2 || Arms > 10_000) throw new UnusableDataException($"--arms must be in 2..10000, got {Arms}");
        if (Decisions < 100) throw new UnusableDataException($"--decisions must be >= 100, got {Decisions}");
        if (WarmFeedbacks < 0 || TrainingFeedbacks < 1 || Epochs < 1) throw new UnusableDataException("--warm-feedbacks, --training-feedbacks and --epochs must be positive");
        if (SimulationRounds < 0) throw new UnusableDataException($"--simulation-rounds must be >= 0, got {SimulationRounds}");
        if (Widths.Count == 0 || Widths.Any(w => w < 2 || w % 2 != 0)) throw new UnusableDataException("--widths must be even numbers >= 2");
        return this;
    }
}

/// <summary>One timing line of the benchmark.</summary>
public sealed record BenchRow(string What, string Setting, int Parameters, double P50Ms, double P99Ms, double MeanMs, int Repeats);

/// <summary>
/// Times what the speed goals are about, on the synthetic RBF environment's contexts: one decision over
/// <see cref="BenchOptions.Arms"/> arms (UCB with diagonal and with dense Z), one Z update, and one retraining
/// (100 full-batch epochs on 20,000 feedbacks, each a distinct context, 1 and 2 threads).
/// </summary>
public static class AquamanBench
{
    public static IReadOnlyList<BenchRow> Run(BenchOptions options, CancellationToken cancellationToken = default)
    {
        options = options.Validated();
        var env = new KrrEnvironment(RidgeKernel.Rbf, options.Arms - 5, 1000, options.Seed);
        var rng = SeedStream.Random(options.Seed, "bench");
        var rows = new List<BenchRow>();
        var all = Enumerable.Range(0, options.Arms).ToArray();
        foreach (int width in options.Widths)
            foreach (var form in new[] { ZMatrixForm.Diagonal, ZMatrixForm.Dense })
            {
                var core = new NeuralBanditCore(env.ContextSize, new NeuralBanditOptions { HiddenWidth = width, ZForm = form, RetrainEvery = int.MaxValue }, (ulong)options.Seed);
                var update = new double[options.WarmFeedbacks];
                for (int i = 0; i < options.WarmFeedbacks; i++)
                {
                    int d = rng.Next(env.Devices.Count), a = rng.Next(options.Arms);
                    long t0 = Stopwatch.GetTimestamp();
                    core.AddFeedback(env.Contexts[d][a], env.DrawQoe(d, a, rng));
                    update[i] = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
                }
                core.Retrain(cancellationToken); // a trained network, so ReLU patterns are realistic
                var times = new double[options.Decisions];
                for (int i = 0; i < options.Decisions; i++)
                {
                    var contexts = env.Contexts[rng.Next(env.Devices.Count)];
                    long t0 = Stopwatch.GetTimestamp();
                    core.Choose(contexts, all);
                    times[i] = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
                }
                rows.Add(Row($"decision over {options.Arms} arms", $"m={width}, Z {form}", core.Network.ParameterCount, times));
                if (update.Length > 0) rows.Add(Row("feedback (Z update)", $"m={width}, Z {form}", core.Network.ParameterCount, update));
            }
        rows.AddRange(Hosted(env, options));
        foreach (int threads in new[] { 1, 2 })
        {
            var core = new NeuralBanditCore(env.ContextSize, new NeuralBanditOptions { HiddenWidth = options.Widths[0], RetrainEvery = int.MaxValue, TrainingThreads = threads, Epochs = options.Epochs, MaxTrainingContexts = 0 }, (ulong)options.Seed);
            var history = core.History;
            var r = SeedStream.Random(options.Seed, "bench/training");
            while (history.Count < options.TrainingFeedbacks)
            {
                // distinct contexts: jitter a device's features so none repeats (the expensive case for merging)
                int d = r.Next(env.Devices.Count), a = r.Next(options.Arms);
                var x = (double[])env.Contexts[d][a].Clone();
                x[0] = r.NextDouble();
                history.Add(x, env.DrawQoe(d, a, r));
            }
            var times = new double[3];
            for (int i = 0; i < times.Length; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var sw = Stopwatch.StartNew();
                core.Retrain(cancellationToken);
                times[i] = sw.Elapsed.TotalMilliseconds;
            }
            rows.Add(Row($"retraining: {options.Epochs} epochs on {options.TrainingFeedbacks} feedbacks", $"m={options.Widths[0]}, {threads} thread(s)", core.Network.ParameterCount, times));
        }
        if (options.SimulationRounds > 0)
            foreach (var kind in new[] { EnvironmentKind.Thesis, EnvironmentKind.Synthetic })
            {
                rows.AddRange(Simulation(kind, options, cancellationToken));
                rows.AddRange(AugmentedSimulation(kind, options, cancellationToken));
            }
        return rows;
    }

    /// <summary>
    /// The service's hosted policy (validation, feature scaling, decision bookkeeping included) over all arms, after the
    /// warm feedbacks (so the network has retrained and, for aquaman-nlaug, the ridge head is past its uniform start).
    /// </summary>
    private static IEnumerable<BenchRow> Hosted(KrrEnvironment env, BenchOptions options)
    {
        var catalog = Service.ModelCatalog.From(env);
        foreach (var exploration in new[] { Service.HostedExploration.Thesis, Service.HostedExploration.NeuralLinUcbAugmented })
        {
            var policy = Service.AquamanPolicy.Create(catalog, new NeuralBanditOptions { HiddenWidth = options.Widths[0] }, options.Seed, exploration: exploration);
            var rng = SeedStream.Random(options.Seed, "bench/hosted");
            for (int i = 0; i < options.WarmFeedbacks; i++)
            {
                int d = rng.Next(env.Devices.Count);
                var r = policy.Select(new Service.SelectRequest("bench", env.Devices[d].Features));
                policy.Feedback(new Service.FeedbackRequest(r.DecisionId, env.DrawQoe(d, catalog.Models.Select(m => m.Name).ToList().IndexOf(r.Model), rng)));
            }
            var times = new double[options.Decisions];
            for (int i = 0; i < options.Decisions; i++)
            {
                var features = env.Devices[rng.Next(env.Devices.Count)].Features;
                long t0 = Stopwatch.GetTimestamp();
                var r = policy.Select(new Service.SelectRequest("bench", features));
                times[i] = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
                policy.Feedback(new Service.FeedbackRequest(r.DecisionId, 0.5));
            }
            yield return Row($"hosted select over {catalog.Models.Count} arms", $"{Service.PolicyNames.Of(exploration)}", 0, times);
        }
    }

    /// <summary>One full simulation of Aquaman (defaults, delays up to 500) and its Stopwatch breakdown by phase.</summary>
    private static IEnumerable<BenchRow> Simulation(EnvironmentKind kind, BenchOptions options, CancellationToken cancellationToken)
    {
        var sim = new SimulationOptions { Environment = kind, Rounds = options.SimulationRounds, MaxDelay = 500, Policies = [PolicyKind.Aquaman], Seeds = 1, FirstSeed = options.Seed };
        var env = Factories.Environment(sim, options.Seed);
        var policy = (NeuralPolicy)Factories.Policy(PolicyKind.Aquaman, env, sim, options.Seed);
        var result = Simulator.Run(env, policy, sim, options.Seed, cancellationToken);
        var p = policy.Core.Profile;
        string name = Factories.Name(kind), setting = $"m={policy.Core.Options.HiddenWidth}, Z {policy.Core.Options.ZForm}";
        int parameters = policy.Core.Network.ParameterCount;
        BenchRow Total(string what, double ms) => new(what, setting, parameters, ms, ms, ms, 1);
        yield return Total($"simulation {name}: {options.SimulationRounds} rounds, total", result.Seconds * 1000);
        yield return Total($"  of which choosing ({options.SimulationRounds} decisions)", NeuralBanditProfile.Milliseconds(p.ChooseTicks));
        yield return Total("  of which Z updates at arrivals", NeuralBanditProfile.Milliseconds(p.ZUpdateTicks));
        yield return Total($"  of which {p.Retrainings} retrainings", NeuralBanditProfile.Milliseconds(p.RetrainTicks));
        yield return Total($"  of which {p.ZRebuilds} Z rebuilds", NeuralBanditProfile.Milliseconds(p.ZRebuildTicks));
        yield return new BenchRow($"  decision in the simulation ({env.Models.Count} models)", setting, parameters,
            result.DecisionP50Microseconds / 1000, result.DecisionP99Microseconds / 1000, NeuralBanditProfile.Milliseconds(p.ChooseTicks) / result.Rounds, result.Rounds);
    }

    /// <summary>
    /// One full simulation of aquaman-nlaug (issue 15, session 9; the synthetic world with the docs' lr 0.01): its
    /// retraining is Aquaman's network retraining plus one rebuild of every model's ridge over the (device, model) pairs.
    /// </summary>
    private static IEnumerable<BenchRow> AugmentedSimulation(EnvironmentKind kind, BenchOptions options, CancellationToken cancellationToken)
    {
        var neural = kind == EnvironmentKind.Thesis ? new NeuralBanditOptions() : new NeuralBanditOptions { LearningRate = 0.01 };
        var sim = new SimulationOptions { Environment = kind, Rounds = options.SimulationRounds, MaxDelay = 500, Policies = [PolicyKind.AquamanNeuralLinUcbAugmented], Seeds = 1, FirstSeed = options.Seed, Neural = neural };
        var env = Factories.Environment(sim, options.Seed);
        var policy = (NeuralLinUcbPolicy)Factories.Policy(PolicyKind.AquamanNeuralLinUcbAugmented, env, sim, options.Seed);
        var result = Simulator.Run(env, policy, sim, options.Seed, cancellationToken);
        var p = policy.Core.Profile;
        string name = Factories.Name(kind), setting = $"nlaug m={policy.Core.Options.HiddenWidth} ridge {policy.FeatureCount}";
        int parameters = policy.Core.Network.ParameterCount;
        BenchRow Total(string what, double ms) => new(what, setting, parameters, ms, ms, ms, 1);
        yield return Total($"simulation {name}: {options.SimulationRounds} rounds, total", result.Seconds * 1000);
        yield return Total($"  of which {p.Retrainings} network retrainings", NeuralBanditProfile.Milliseconds(p.RetrainTicks));
        yield return Total($"  of which {policy.Rebuilds} ridge rebuilds", NeuralBanditProfile.Milliseconds(policy.RebuildTicks));
        yield return Total("  longest ridge rebuild", NeuralBanditProfile.Milliseconds(policy.MaxRebuildTicks));
        yield return new BenchRow($"  decision in the simulation ({env.Models.Count} models)", setting, parameters,
            result.DecisionP50Microseconds / 1000, result.DecisionP99Microseconds / 1000, result.DecisionMeanMicroseconds / 1000, result.Rounds);
    }

    private static BenchRow Row(string what, string setting, int parameters, double[] times)
    {
        var sorted = times.Order().ToArray();
        return new BenchRow(what, setting, parameters, sorted[sorted.Length / 2], sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(0.99 * sorted.Length) - 1)], times.Average(), times.Length);
    }
}

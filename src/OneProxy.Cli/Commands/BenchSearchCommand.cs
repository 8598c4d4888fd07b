using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using OneProxy.Adaptation;
using OneProxy.Search;

namespace OneProxy.Cli.Commands;

/// <summary><c>oneproxy bench search</c>: wall time of one evolutionary run (predictor evaluation included), a full t-sweep, NSGA-II and exhaustive search.</summary>
public static class BenchSearchCommand
{
    public static Command Create()
    {
        var space = CommonOptions.Space();
        var latency = CommonOptions.Latency();
        var archs = CommonOptions.Architectures();
        var accuracy = CommonOptions.Accuracy();
        var accuracyColumn = CommonOptions.AccuracyColumn();
        var device = new Option<string>("--device") { Description = "Latency predictor: least squares on this column", DefaultValueFactory = _ => "pixel3" };
        var runs = new Option<int>("--runs") { Description = "Timed repetitions (after one warm-up)", DefaultValueFactory = _ => 5 };
        var sweep = new Option<int>("--sweep") { Description = "Values of t in the sweep", DefaultValueFactory = _ => 21 };
        var cmd = new Command("search", "Search speed: one evolutionary run (population 1000, 50 generations), the t-sweep, NSGA-II, exhaustive.")
        {
            space, latency, archs, accuracy, accuracyColumn, device, runs, sweep,
        };
        cmd.SetAction(CommandRunner.Guarded(parse =>
        {
            var (table, s, _) = CommonOptions.LoadLatency(parse, space, latency, archs, null);
            var scorer = new ArchitectureScorer(s, new OneProxy.Predictors.CharacterisedDevices(s, table).Predictor(parse.GetValue(device)!),
                CommonOptions.LoadAccuracy(parse, s, accuracy, accuracyColumn));
            var evo = new EvolutionarySearch(scorer);
            var scale = evo.Scale(0);
            int n = parse.GetValue(runs);
            var outp = parse.InvocationConfiguration.Output;
            var inv = CultureInfo.InvariantCulture;
            void Time(string what, Func<int, int> body)
            {
                body(-1);
                var t = new double[n];
                int size = 0;
                for (int i = 0; i < n; i++) { var sw = Stopwatch.StartNew(); size = body(i); t[i] = sw.Elapsed.TotalMilliseconds; }
                Array.Sort(t);
                outp.WriteLine(string.Create(inv, $"{what,-44} median {t[n / 2],8:0.0} ms  (min {t[0]:0.0}, max {t[^1]:0.0}; {size} architectures out)"));
            }
            outp.WriteLine($"{s.Name}, {Environment.ProcessorCount} cores, {n} runs each");
            Time("evolution, one run at t = 0.5 (1000 x 50)", i => evo.Run(0.5, scale, new Random(i)).Count);
            Time($"evolution, sweep of {parse.GetValue(sweep)} t values", i => evo.Sweep(EvolutionarySearch.EvenTs(parse.GetValue(sweep)), i).Count);
            Time("NSGA-II (1000 x 50)", i => new Nsga2Search(scorer).Run(new Random(i)).Count);
            if (s.Size <= 5_000_000) Time("exhaustive front", _ => ExhaustiveSearch.Front(scorer).Count);
            return 0;
        }));
        return cmd;
    }
}

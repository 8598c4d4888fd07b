using System.Diagnostics;
using System.Globalization;
using OneProxy.Monotonicity;
using OneProxy.Predictors;
using OneProxy.Search;

namespace OneProxy.Application.Bench;

/// <summary><c>oneproxy bench srcc</c> and <c>bench search</c>: wall times (median of timed runs after one warm-up).</summary>
public sealed record BenchSrccRequest(LatencyInput Latency, int Repeat = 20);

public sealed record BenchSearchRequest(LatencyInput Latency, AccuracyInput Accuracy, string Device = "pixel3", int Runs = 5, int Sweep = 21);

/// <summary>Median, min and max wall time of one timed operation, and the size of what it returned.</summary>
public sealed record Timing(string What, double MedianMs, double MinMs, double MaxMs, int Runs, int Size);

public static class BenchSpeedUseCases
{
    public static IReadOnlyList<string> Srcc(BenchSrccRequest request, CancellationToken cancellation = default, IProgress<WorkProgress>? progress = null)
    {
        var loaded = request.Latency.Load();
        var table = loaded.Table;
        var tick = Ticker(progress, Math.Max(1, request.Repeat) + 1);
        SrccMatrix.Compute(table); // warm-up: JIT and thread pool
        tick();
        var t = Time("srcc", Math.Max(1, request.Repeat), _ => { SrccMatrix.Compute(table); return table.ColumnNames.Count; }, cancellation, tick, warmUp: false);
        int d = table.ColumnNames.Count;
        var inv = CultureInfo.InvariantCulture;
        return
        [
            $"cores: {Environment.ProcessorCount}",
            string.Create(inv, $"parse (first load, includes JIT): {loaded.ParseTime.TotalMilliseconds:0.0} ms for {table.RowCount} rows x {d} devices"),
            string.Create(inv, $"SRCC matrix {d}x{d} over {table.RowCount} architectures: median {t.MedianMs:0.00} ms, min {t.MinMs:0.00} ms, max {t.MaxMs:0.00} ms ({t.Runs} runs)"),
        ];
    }

    /// <summary>Run i of each timed search uses seed i (timing only: the fronts are not reported).</summary>
    public static IReadOnlyList<string> Search(BenchSearchRequest request, CancellationToken cancellation = default, IProgress<WorkProgress>? progress = null)
    {
        Require.AtLeast(request.Runs, 1, "runs");
        Require.AtLeast(request.Sweep, 2, "sweep");
        var loaded = request.Latency.Load();
        var s = loaded.Space;
        var scorer = new ArchitectureScorer(s, new CharacterisedDevices(s, loaded.Table).Predictor(request.Device), request.Accuracy.Load(s).Source);
        var evo = new EvolutionarySearch(scorer);
        var scale = evo.Scale(0);
        int n = request.Runs;
        var tick = Ticker(progress, (n + 1) * (s.Size <= 5_000_000 ? 4 : 3));
        var timings = new List<Timing>
        {
            Time("evolution, one run at t = 0.5 (1000 x 50)", n, i => evo.Run(0.5, scale, new Random(i)).Count, cancellation, tick),
            Time($"evolution, sweep of {request.Sweep} t values", n, i => evo.Sweep(EvolutionarySearch.EvenTs(request.Sweep), i).Count, cancellation, tick),
            Time("NSGA-II (1000 x 50)", n, i => new Nsga2Search(scorer).Run(new Random(i)).Count, cancellation, tick),
        };
        if (s.Size <= 5_000_000) timings.Add(Time("exhaustive front", n, _ => ExhaustiveSearch.Front(scorer).Count, cancellation, tick));
        var inv = CultureInfo.InvariantCulture;
        return [$"{s.Name}, {Environment.ProcessorCount} cores, {n} runs each",
            .. timings.Select(t => string.Create(inv, $"{t.What,-44} median {t.MedianMs,8:0.0} ms  (min {t.MinMs:0.0}, max {t.MaxMs:0.0}; {t.Size} architectures out)"))];
    }

    /// <summary>Counts finished runs (warm-ups included) against <paramref name="total"/> for a progress bar.</summary>
    private static Action Ticker(IProgress<WorkProgress>? progress, int total)
    {
        int done = 0;
        progress?.Report(new WorkProgress(0, total));
        return () => progress?.Report(new WorkProgress(++done, total));
    }

    private static Timing Time(string what, int runs, Func<int, int> body, CancellationToken cancellation, Action tick, bool warmUp = true)
    {
        if (warmUp) { body(-1); tick(); }
        var t = new double[runs];
        int size = 0;
        for (int i = 0; i < runs; i++)
        {
            cancellation.ThrowIfCancellationRequested();
            var sw = Stopwatch.StartNew();
            size = body(i);
            t[i] = sw.Elapsed.TotalMilliseconds;
            tick();
        }
        Array.Sort(t);
        return new Timing(what, t[runs / 2], t[0], t[^1], runs, size);
    }
}

using OneProxy.Data;
using OneProxy.Devices;
using OneProxy.Monotonicity;
using OneProxy.Predictors;
using OneProxy.SearchSpaces;

namespace OneProxy.Adaptation;

/// <summary>One (target, sample size) cell of the adaptation benchmark, averaged over seeds.</summary>
public sealed record AdaptationBenchmarkRow(string Target, int Samples, int Seeds,
    IReadOnlyDictionary<AdaptationMethod, double> MeanSrcc, double MeanSrccAuto, double StdSrccAuto,
    double MeanMeasurements, IReadOnlyDictionary<AdaptationMethod, int> AutoPicks);

/// <summary>One target of the incremental benchmark, averaged over seeds.</summary>
public sealed record IncrementalBenchmarkRow(string Target, int Seeds, double MeanMeasurements, int MaxMeasurements,
    double MeanEstimatedSrcc, double MeanSrcc, double MinSrcc, double ReachedFraction);

/// <summary>
/// For each target, seed and sample size: measure k random architectures on the recorded target
/// (queries counted), adapt with every method, and score each by SRCC on all the target's other
/// architectures (never the ones used for adaptation). Library = predictors fitted on every
/// device that is neither a target nor missing from the table; targets never enter it.
/// </summary>
public sealed class AdaptationBenchmark
{
    private readonly ISearchSpace _space;
    private readonly WideTable _table;
    private readonly FeatureMatrix _all;
    private readonly CharacterisedDevices _characterised;

    public AdaptationBenchmark(ISearchSpace space, WideTable table)
    {
        _space = space;
        _table = table;
        _characterised = new CharacterisedDevices(space, table);
        _all = _characterised.All;
    }

    private LinearPredictor CharacterisedPredictor(string device) => _characterised.Predictor(device);

    public IReadOnlyList<AdaptationBenchmarkRow> Run(string proxy, IReadOnlyList<string> targets, IReadOnlyList<string> libraryDevices,
        IReadOnlyList<int> sampleSizes, int seeds, AdaptationOptions options, IProgress<int>? progress = null, CancellationToken cancellation = default)
    {
        foreach (var t in targets)
        {
            if (libraryDevices.Contains(t)) throw new UnusableDataException($"target '{t}' must not be in the library");
            _table.ColumnIndexOf(t);
        }
        var proxyPredictor = CharacterisedPredictor(proxy);
        var library = libraryDevices.AsParallel().AsOrdered().Select(CharacterisedPredictor).ToArray();
        var adapter = new ProxyAdapter(_space, proxyPredictor, library, options);
        var sizes = sampleSizes.OrderBy(k => k).ToArray();
        var jobs = targets.SelectMany((t, ti) => Enumerable.Range(0, seeds).Select(s => (Target: t, TargetIndex: ti, Seed: s))).ToArray();
        var cells = new (AdaptationMethod Auto, Dictionary<AdaptationMethod, double> Srcc, double AutoSrcc, int Measured)[jobs.Length, sizes.Length];
        int done = 0;
        Parallel.For(0, jobs.Length, new ParallelOptions { CancellationToken = cancellation }, jobIndex =>
        {
            var (target, ti, seed) = jobs[jobIndex];
            // Kept on the pre-SeedStream derivation until docs/adapt-*.txt and the real-device
            // tables are regenerated with named streams (about 15 CPU-minutes of benchmarks).
            var rng = new Random(unchecked(seed * 7919 + ti * 104729 + 17));
            var col = _table.Column(target).ToArray();
            var eligible = WideTable.MeasuredRows(col);
            if (sizes[^1] >= eligible.Length) throw new UnusableDataException($"{target} has only {eligible.Length} measured architectures");
            SrccEstimator.PartialShuffle(eligible, sizes[^1], rng);
            for (int s = 0; s < sizes.Length; s++)
            {
                int k = sizes[s];
                var device = new RecordedDevice(_table, target);
                var sampleRows = eligible.Take(k).ToArray();
                var y = sampleRows.Select(r => device.MeasureMs(_all.Architectures[r])).ToArray();
                var x = _all.SelectRows(sampleRows);
                var rest = eligible.Skip(k).ToArray();
                var restRanks = Ranking.AverageRanks(rest.Select(r => col[r]).ToArray());
                var restX = _all.SelectRows(rest);
                // Every method is fitted once; the automatic choice picks among the same fits.
                var fitted = adapter.AdaptAll(x, y, target, Enum.GetValues<AdaptationMethod>().Where(adapter.Applicable));
                var auto = adapter.Choose(fitted);
                var srcc = fitted.ToDictionary(f => f.Method, f => Spearman.Pearson(Ranking.AverageRanks(restX.Multiply(f.Predictor.Weights)), restRanks));
                cells[jobIndex, s] = (auto.Method, srcc, srcc[auto.Method], device.Measurements);
            }
            progress?.Report(Interlocked.Increment(ref done));
        });
        var rows = new List<AdaptationBenchmarkRow>();
        foreach (var target in targets)
            for (int s = 0; s < sizes.Length; s++)
            {
                var mine = Enumerable.Range(0, jobs.Length).Where(j => jobs[j].Target == target).Select(j => cells[j, s]).ToArray();
                var means = mine[0].Srcc.Keys.ToDictionary(m => m, m => mine.Average(c => c.Srcc[m]));
                var autos = mine.Select(c => c.AutoSrcc).ToArray();
                double mean = autos.Average();
                double std = autos.Length > 1 ? Math.Sqrt(autos.Sum(a => (a - mean) * (a - mean)) / (autos.Length - 1)) : 0;
                var picks = mine.GroupBy(c => c.Auto).ToDictionary(g => g.Key, g => g.Count());
                rows.Add(new AdaptationBenchmarkRow(target, sizes[s], seeds, means, mean, std, mine.Average(c => c.Measured), picks));
            }
        return rows;
    }

    /// <summary>
    /// Algorithm 5's loop per target and seed (<see cref="IncrementalAdaptation"/>): how many
    /// measurements it spends, the SRCC it believes it reached, and the SRCC it really reached on
    /// every architecture it did not measure.
    /// </summary>
    public IReadOnlyList<IncrementalBenchmarkRow> RunIncremental(string proxy, IReadOnlyList<string> targets, IReadOnlyList<string> libraryDevices,
        int seeds, AdaptationOptions options, IncrementalOptions incremental, IProgress<int>? progress = null, CancellationToken cancellation = default)
    {
        foreach (var t in targets)
            if (libraryDevices.Contains(t)) throw new UnusableDataException($"target '{t}' must not be in the library");
        var adapter = new ProxyAdapter(_space, CharacterisedPredictor(proxy), libraryDevices.AsParallel().AsOrdered().Select(CharacterisedPredictor).ToArray(), options);
        var jobs = targets.SelectMany((t, ti) => Enumerable.Range(0, seeds).Select(s => (Target: t, TargetIndex: ti, Seed: s))).ToArray();
        var results = new (int Measured, double Estimated, double Actual, bool Reached)[jobs.Length];
        int done = 0;
        Parallel.For(0, jobs.Length, new ParallelOptions { CancellationToken = cancellation }, j =>
        {
            var (target, ti, seed) = jobs[j];
            var device = new RecordedDevice(_table, target);
            var col = _table.Column(target).ToArray();
            var rows = WideTable.MeasuredRows(col);
            new Random(unchecked(seed * 7919 + ti * 104729 + 17)).Shuffle(rows); // see Run: kept until the docs are regenerated
            var pool = rows.Select(r => _all.Architectures[r]).ToArray();
            var run = IncrementalAdaptation.Run(adapter, _space, device, pool, incremental);
            var rest = rows.Skip(run.TargetMeasurements).ToArray();
            double actual = Spearman.Correlation(_all.SelectRows(rest).Multiply(run.Final.Predictor.Weights), rest.Select(r => col[r]).ToArray());
            results[j] = (device.Measurements, run.Final.EstimatedSrcc, actual, run.ReachedThreshold);
            progress?.Report(Interlocked.Increment(ref done));
        });
        return targets.Select(t =>
        {
            var mine = Enumerable.Range(0, jobs.Length).Where(j => jobs[j].Target == t).Select(j => results[j]).ToArray();
            return new IncrementalBenchmarkRow(t, seeds, mine.Average(r => r.Measured), mine.Max(r => r.Measured),
                mine.Average(r => r.Estimated), mine.Average(r => r.Actual), mine.Min(r => r.Actual), mine.Count(r => r.Reached) / (double)mine.Length);
        }).ToList();
    }

    /// <summary>Median wall time of one automatic adaptation (every candidate method, lambda paths, CV) on <paramref name="samples"/> architectures.</summary>
    public TimeSpan TimeOneAdaptation(string proxy, string target, IReadOnlyList<string> libraryDevices, int samples, AdaptationOptions options, int repetitions = 30)
    {
        var adapter = new ProxyAdapter(_space, CharacterisedPredictor(proxy), libraryDevices.Select(CharacterisedPredictor).ToArray(), options);
        var col = _table.Column(target).ToArray();
        var rows = WideTable.MeasuredRows(col);
        // Any fixed sample will do for timing; a named stream keeps it apart from the benchmark's.
        new SeedStream(0).Random("bench-adapt/timing").Shuffle(rows);
        rows = rows[..Math.Min(samples, rows.Length)];
        var x = _all.SelectRows(rows);
        var y = rows.Select(r => col[r]).ToArray();
        adapter.AdaptAuto(x, y, target); // JIT
        var times = new double[repetitions];
        for (int r = 0; r < repetitions; r++)
        {
            long t0 = System.Diagnostics.Stopwatch.GetTimestamp();
            adapter.AdaptAuto(x, y, target);
            times[r] = System.Diagnostics.Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
        }
        Array.Sort(times);
        return TimeSpan.FromMilliseconds(times[repetitions / 2]);
    }
}

using System.Collections.Concurrent;
using OneProxy.Data;
using OneProxy.Devices;
using OneProxy.Monotonicity;
using OneProxy.Predictors;
using OneProxy.SearchSpaces;

namespace OneProxy.Adaptation;

/// <summary>Which library each target gets in the adaptation benchmark.</summary>
public enum AdaptationProtocol
{
    /// <summary>One library for all targets: the given devices (never a target).</summary>
    Fixed,
    /// <summary>
    /// Leave-one-family-out: each target's library is every other column outside the target's
    /// family (<see cref="DeviceFamilies"/>), so the target is a device unlike any in the library.
    /// </summary>
    LeaveOneFamilyOut,
}

/// <summary>How the adaptation benchmark is run besides targets and seeds.</summary>
/// <param name="Pool">0: every architecture of the table; N: per seed, N random architectures measured on the proxy are all that exist (library and proxy fitted on them too), as in a partial published recording.</param>
public sealed record AdaptationBenchmarkSetup(AdaptationProtocol Protocol = AdaptationProtocol.Fixed, SamplingDesign Design = SamplingDesign.Random, int Pool = 0)
{
    /// <summary>Architectures per designed batch: the first batch is k-center, each later one goes where the predictors disagree.</summary>
    public const int DesignBatch = 5;

    /// <summary>Designed batches are chosen among this many random architectures of the pool (the disagreement needs a rank per predictor).</summary>
    public const int DesignCandidates = 2000;

    /// <summary>
    /// Each run is scored on at most this many of the target's unseen architectures (a random
    /// subset, its own per target and seed): the SRCC's sampling error on 4,000 is about 0.002 at
    /// 0.95 and averages out over seeds, and ranking all 15,625 for eight methods dominated the time.
    /// </summary>
    public const int EvaluationCap = 4000;
}

/// <summary>
/// One (target, sample size) cell of the adaptation benchmark over seeds. SRCCs are on the
/// target's architectures not measured for adaptation. <see cref="BestDevice"/> is the library
/// device whose own predictor ranks the target best (an oracle choice, on all the target's
/// architectures): what picking one device would give if one knew which.
/// </summary>
public sealed record AdaptationBenchmarkRow(string Target, int Samples, int Seeds,
    IReadOnlyDictionary<AdaptationMethod, double> MeanSrcc, double MeanSrccAuto, double StdSrccAuto,
    double MeanMeasurements, IReadOnlyDictionary<AdaptationMethod, int> AutoPicks)
{
    public string Family { get; init; } = "";
    public int LibrarySize { get; init; }
    public string BestDevice { get; init; } = "";
    public double BestDeviceSrcc { get; init; } = double.NaN;
    public double MinSrccAuto { get; init; } = double.NaN;
    /// <summary>Seeds on which auto's SRCC is below the raw proxy's.</summary>
    public int AutoBelowProxy { get; init; }
    /// <summary>Mean of auto's own estimate of its SRCC (from the samples only).</summary>
    public double MeanEstimate { get; init; } = double.NaN;
    /// <summary>(method, seed) fits that came out constant and were scored 0 (auto never picks one).</summary>
    public int ConstantFits { get; init; }
    /// <summary>Fraction of seeds whose measured SRCC lies inside auto's reported interval.</summary>
    public double IntervalCoverage { get; init; } = double.NaN;
}

/// <summary>One target of the incremental benchmark, averaged over seeds.</summary>
public sealed record IncrementalBenchmarkRow(string Target, int Seeds, double MeanMeasurements, int MaxMeasurements,
    double MeanEstimatedSrcc, double MeanSrcc, double MinSrcc, double ReachedFraction);

/// <summary>
/// For each target, seed and sample size: measure k architectures on the recorded target
/// (queries counted; random or designed, <see cref="SamplingDesign"/>), adapt with every method,
/// and score each by SRCC on all the target's other architectures (never the ones used for
/// adaptation). Each (target, seed) draws from its own named stream
/// (<c>SeedStream(seed).Derive("bench-adapt/&lt;target&gt;")</c>). A NaN SRCC anywhere fails the run:
/// an average must never hide one.
/// </summary>
public sealed class AdaptationBenchmark
{
    private readonly ISearchSpace _space;
    private readonly WideTable _table;
    private readonly FeatureMatrix _all;
    private readonly CharacterisedDevices _characterised;
    private readonly FeatureMatrix _reference;

    public AdaptationBenchmark(ISearchSpace space, WideTable table)
    {
        _space = space;
        _table = table;
        _characterised = new CharacterisedDevices(space, table);
        _all = _characterised.All;
        _reference = ProxyAdapter.ReferenceSet(space, 2000);
    }

    private LinearPredictor CharacterisedPredictor(string device) => _characterised.Predictor(device);

    /// <summary>The architectures (and predictors fitted on them) one seed's runs see.</summary>
    private sealed class PoolContext
    {
        private readonly ConcurrentDictionary<string, Lazy<LinearPredictor>> _predictors = new();
        private readonly CharacterisedDevices _chars;
        public PoolContext(CharacterisedDevices chars, WideTable table) { _chars = chars; Table = table; }
        public WideTable Table { get; }
        public FeatureMatrix All => _chars.All;
        public ConcurrentDictionary<string, (string Device, double Srcc)> BestDevice { get; } = new();
        public LinearPredictor Predictor(string device) => _predictors.GetOrAdd(device, d => new Lazy<LinearPredictor>(() => _chars.Predictor(d))).Value;
    }

    private readonly record struct Cell(AdaptationMethod Auto, Dictionary<AdaptationMethod, double> Srcc, double AutoSrcc, double Estimate,
        (double Low, double High) Interval, int Measured, int ConstantFits);

    public IReadOnlyList<AdaptationBenchmarkRow> Run(string proxy, IReadOnlyList<string> targets, IReadOnlyList<string> libraryDevices,
        IReadOnlyList<int> sampleSizes, int seeds, AdaptationOptions options, IProgress<int>? progress = null, CancellationToken cancellation = default,
        AdaptationBenchmarkSetup? setup = null)
    {
        setup ??= new AdaptationBenchmarkSetup();
        _table.ColumnIndexOf(proxy);
        foreach (var t in targets)
        {
            if (setup.Protocol == AdaptationProtocol.Fixed && libraryDevices.Contains(t)) throw new UnusableDataException($"target '{t}' must not be in the library");
            _table.ColumnIndexOf(t);
        }
        var libraries = targets.ToDictionary(t => t, t => setup.Protocol == AdaptationProtocol.Fixed
            ? libraryDevices.ToArray()
            : libraryDevices.Concat(targets).Distinct().Where(c => DeviceFamilies.MayServe(c, t)).ToArray());
        var sizes = sampleSizes.OrderBy(k => k).ToArray();
        var whole = new Lazy<PoolContext>(() => new PoolContext(_characterised, _table));
        var pools = Enumerable.Range(0, seeds).Select(seed => setup.Pool <= 0 ? whole : new Lazy<PoolContext>(() => PoolOf(proxy, seed, setup.Pool))).ToArray();
        var jobs = targets.SelectMany(t => Enumerable.Range(0, seeds).Select(s => (Target: t, Seed: s))).ToArray();
        var cells = new Cell[jobs.Length, sizes.Length];
        int done = 0;
        Parallel.For(0, jobs.Length, new ParallelOptions { CancellationToken = cancellation }, jobIndex =>
        {
            var (target, seed) = jobs[jobIndex];
            var ctx = pools[seed].Value;
            var lib = libraries[target].Select(ctx.Predictor).ToArray();
            var adapter = new ProxyAdapter(_space, ctx.Predictor(proxy), lib, options, _reference);
            var rng = new SeedStream(seed).Derive("bench-adapt/" + target).NewRandom();
            var col = ctx.Table.Column(target).ToArray();
            var eligible = WideTable.MeasuredRows(col);
            if (sizes[^1] >= eligible.Length) throw new UnusableDataException($"{target} has only {eligible.Length} measured architectures");
            ctx.BestDevice.GetOrAdd(target, _ => BestSingleDevice(ctx, lib, eligible, col));
            var order = setup.Design == SamplingDesign.Random
                ? RandomOrder(eligible, sizes[^1], rng)
                : DesignedOrder(ctx, adapter, lib, eligible, col, sizes[^1], rng, target, cancellation);
            // Scored on up to EvaluationCap unseen architectures in a random order of this job's own.
            var evalOrder = (int[])eligible.Clone();
            new SeedStream(seed).Derive("bench-adapt/eval/" + target).NewRandom().Shuffle(evalOrder);
            for (int s = 0; s < sizes.Length; s++)
            {
                int k = sizes[s];
                var device = new RecordedDevice(ctx.Table, target);
                var sampleRows = order[..k];
                var y = sampleRows.Select(r => device.MeasureMs(ctx.All.Architectures[r])).ToArray();
                var x = ctx.All.SelectRows(sampleRows);
                var sampled = new HashSet<int>(sampleRows);
                var rest = evalOrder.Where(r => !sampled.Contains(r)).Take(AdaptationBenchmarkSetup.EvaluationCap).ToArray();
                var restRanks = Ranking.AverageRanks(rest.Select(r => col[r]).ToArray());
                var restX = ctx.All.SelectRows(rest);
                // Every method is fitted once; the automatic choice picks among the same fits.
                var fitted = adapter.AdaptAll(x, y, target, Enum.GetValues<AdaptationMethod>().Where(adapter.Applicable));
                var auto = adapter.Choose(fitted, y);
                // A method whose fit is constant (an all-zero library mix, a device scaled by alpha = 0) ranks
                // nothing: it scores 0 and is counted. Auto never picks one; if its SRCC were NaN the run fails.
                int constant = 0;
                var srcc = fitted.ToDictionary(f => f.Method, f =>
                {
                    var p = restX.Multiply(f.Predictor.Weights);
                    if (AutoSelection.IsConstant(p)) { constant++; return 0.0; }
                    return Spearman.Pearson(Ranking.AverageRanks(p), restRanks);
                });
                if (double.IsNaN(srcc[auto.Method]) || AutoSelection.IsConstant(restX.Multiply(auto.Predictor.Weights)))
                    throw new UnusableDataException($"auto ({ProxyAdapter.MethodName(auto.Method)}) on {target} (seed {seed}, {k} samples) chose a constant predictor");
                foreach (var (m, v) in srcc)
                    if (double.IsNaN(v)) throw new UnusableDataException($"{ProxyAdapter.MethodName(m)} on {target} (seed {seed}, {k} samples) gave SRCC NaN");
                cells[jobIndex, s] = new Cell(auto.Method, srcc, srcc[auto.Method], auto.EstimatedSrcc, auto.Interval, device.Measurements, constant);
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
                var best = pools[0].Value.BestDevice.TryGetValue(target, out var b) ? b : ("", double.NaN);
                rows.Add(new AdaptationBenchmarkRow(target, sizes[s], seeds, means, mean, std, mine.Average(c => c.Measured), picks)
                {
                    Family = DeviceFamilies.Of(target), LibrarySize = libraries[target].Length, BestDevice = best.Item1, BestDeviceSrcc = best.Item2,
                    MinSrccAuto = autos.Min(), AutoBelowProxy = mine.Count(c => c.AutoSrcc < c.Srcc[AdaptationMethod.Proxy] - 1e-9),
                    MeanEstimate = mine.Average(c => c.Estimate), ConstantFits = mine.Sum(c => c.ConstantFits),
                    IntervalCoverage = mine.Count(c => c.AutoSrcc >= c.Interval.Low && c.AutoSrcc <= c.Interval.High) / (double)mine.Length,
                });
            }
        return rows;
    }

    private PoolContext PoolOf(string proxy, int seed, int size)
    {
        var rows = _table.MeasuredRows(proxy);
        if (size > rows.Length) throw new UnusableDataException($"--pool {size}: the table has only {rows.Length} architectures measured on {proxy}");
        SrccEstimator.PartialShuffle(rows, size, new SeedStream(seed).Random("bench-adapt/pool"));
        var sub = _table.SelectRows(rows[..size]);
        return new PoolContext(new CharacterisedDevices(_space, sub), sub);
    }

    private static (string, double) BestSingleDevice(PoolContext ctx, LinearPredictor[] lib, int[] eligible, double[] col)
    {
        if (lib.Length == 0) return ("", double.NaN);
        var x = ctx.All.SelectRows(eligible);
        var truth = eligible.Select(r => col[r]).ToArray();
        return lib.Select(l => (l.Device, Spearman.Correlation(x.Multiply(l.Weights), truth))).MaxBy(p => p.Item2);
    }

    private static int[] RandomOrder(int[] eligible, int count, Random rng)
    {
        var copy = (int[])eligible.Clone();
        SrccEstimator.PartialShuffle(copy, count, rng);
        return copy[..count];
    }

    /// <summary>
    /// Designed measurements: among <see cref="AdaptationBenchmarkSetup.DesignCandidates"/> random
    /// architectures, the first batch by k-center in standardised feature space; each later batch
    /// by k-center among the quarter on which the proxy, the library devices and the current
    /// automatic adaptation disagree most about the rank. Only measured latencies are used.
    /// </summary>
    private int[] DesignedOrder(PoolContext ctx, ProxyAdapter adapter, LinearPredictor[] lib, int[] eligible, double[] col, int count,
        Random rng, string target, CancellationToken cancellation)
    {
        var candidates = RandomOrder(eligible, Math.Min(eligible.Length, AdaptationBenchmarkSetup.DesignCandidates), rng);
        var x = ctx.All.SelectRows(candidates);
        var features = Standardised(x.Values);
        var basePredictions = new List<double[]> { x.Multiply(adapter.ProxyWeights) };
        basePredictions.AddRange(lib.Select(l => x.Multiply(l.Weights)));
        var chosen = new List<int>();
        int batch = AdaptationBenchmarkSetup.DesignBatch;
        DesignedSampling.KCenter(features, chosen, Math.Min(batch, count), 0, null, cancellation);
        while (chosen.Count < count)
        {
            var rows = chosen.Select(i => candidates[i]).ToArray();
            var auto = adapter.AdaptAuto(ctx.All.SelectRows(rows), rows.Select(r => col[r]).ToArray(), target);
            var preds = new List<double[]>(basePredictions) { x.Multiply(auto.Predictor.Weights) };
            var doubt = DesignedSampling.RankDisagreement(preds);
            var allowed = DesignedSampling.TopFraction(doubt, 0.25, 4 * batch);
            int before = chosen.Count;
            DesignedSampling.KCenter(features, chosen, Math.Min(batch, count - chosen.Count), 0, allowed, cancellation);
            if (chosen.Count == before) DesignedSampling.KCenter(features, chosen, Math.Min(batch, count - chosen.Count), 0, null, cancellation);
        }
        return chosen.Select(i => candidates[i]).ToArray();
    }

    /// <summary>Columns scaled to unit variance (constant ones dropped to zero), so no feature dominates the distances.</summary>
    private static double[,] Standardised(double[,] v)
    {
        int n = v.GetLength(0), d = v.GetLength(1);
        var z = new double[n, d];
        for (int c = 0; c < d; c++)
        {
            double m = 0, ss = 0;
            for (int i = 0; i < n; i++) m += v[i, c];
            m /= n;
            for (int i = 0; i < n; i++) ss += (v[i, c] - m) * (v[i, c] - m);
            double sd = Math.Sqrt(ss / n);
            if (sd < 1e-12) continue;
            for (int i = 0; i < n; i++) z[i, c] = (v[i, c] - m) / sd;
        }
        return z;
    }

    /// <summary>
    /// Algorithm 5's loop per target and seed (<see cref="IncrementalAdaptation"/>): how many
    /// measurements it spends, the SRCC it believes it reached, and the SRCC it really reached on
    /// every architecture it did not measure.
    /// </summary>
    public IReadOnlyList<IncrementalBenchmarkRow> RunIncremental(string proxy, IReadOnlyList<string> targets, IReadOnlyList<string> libraryDevices,
        int seeds, AdaptationOptions options, IncrementalOptions incremental, IProgress<int>? progress = null, CancellationToken cancellation = default,
        AdaptationProtocol protocol = AdaptationProtocol.Fixed)
    {
        foreach (var t in targets)
            if (protocol == AdaptationProtocol.Fixed && libraryDevices.Contains(t)) throw new UnusableDataException($"target '{t}' must not be in the library");
        var predictors = libraryDevices.Concat(targets).Append(proxy).Distinct().AsParallel().ToDictionary(d => d, CharacterisedPredictor);
        var adapters = targets.ToDictionary(t => t, t => new ProxyAdapter(_space, predictors[proxy],
            (protocol == AdaptationProtocol.Fixed ? libraryDevices : libraryDevices.Concat(targets).Distinct().Where(c => DeviceFamilies.MayServe(c, t)))
                .Select(d => predictors[d]).ToArray(), options, _reference));
        var jobs = targets.SelectMany(t => Enumerable.Range(0, seeds).Select(s => (Target: t, Seed: s))).ToArray();
        var results = new (int Measured, double Estimated, double Actual, bool Reached)[jobs.Length];
        int done = 0;
        Parallel.For(0, jobs.Length, new ParallelOptions { CancellationToken = cancellation }, j =>
        {
            var (target, seed) = jobs[j];
            var device = new RecordedDevice(_table, target);
            var col = _table.Column(target).ToArray();
            var rows = WideTable.MeasuredRows(col);
            new SeedStream(seed).Derive("bench-adapt/" + target).NewRandom().Shuffle(rows);
            var pool = rows.Select(r => _all.Architectures[r]).ToArray();
            var run = IncrementalAdaptation.Run(adapters[target], _space, device, pool, incremental);
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
        var adapter = new ProxyAdapter(_space, CharacterisedPredictor(proxy), libraryDevices.Select(CharacterisedPredictor).ToArray(), options, _reference);
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

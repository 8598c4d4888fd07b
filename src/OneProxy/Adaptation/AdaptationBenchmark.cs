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

    public AdaptationBenchmark(ISearchSpace space, WideTable table)
    {
        _space = space;
        _table = table;
        _all = new FeatureMatrix(space, table.RequireArchitectures());
    }

    /// <summary>Least-squares predictor from every measured row of a device (a "characterised" device).</summary>
    public LinearPredictor CharacterisedPredictor(string device)
    {
        var col = _table.Column(device).ToArray();
        var rows = Enumerable.Range(0, col.Length).Where(i => !double.IsNaN(col[i])).ToArray();
        return LinearPredictorFitter.Fit(_all.SelectRows(rows), rows.Select(i => col[i]).ToArray(), device);
    }

    public IReadOnlyList<AdaptationBenchmarkRow> Run(string proxy, IReadOnlyList<string> targets, IReadOnlyList<string> libraryDevices,
        IReadOnlyList<int> sampleSizes, int seeds, AdaptationOptions options, IProgress<int>? progress = null)
    {
        foreach (var t in targets)
        {
            if (libraryDevices.Contains(t)) throw new ArgumentException($"target '{t}' must not be in the library");
            _table.ColumnIndexOf(t);
        }
        var proxyPredictor = CharacterisedPredictor(proxy);
        var library = libraryDevices.AsParallel().AsOrdered().Select(CharacterisedPredictor).ToArray();
        var adapter = new ProxyAdapter(_space, proxyPredictor, library, options);
        var sizes = sampleSizes.OrderBy(k => k).ToArray();
        var jobs = targets.SelectMany((t, ti) => Enumerable.Range(0, seeds).Select(s => (Target: t, TargetIndex: ti, Seed: s))).ToArray();
        var cells = new (AdaptationMethod Auto, Dictionary<AdaptationMethod, double> Srcc, double AutoSrcc, int Measured)[jobs.Length, sizes.Length];
        int done = 0;
        Parallel.For(0, jobs.Length, jobIndex =>
        {
            var (target, ti, seed) = jobs[jobIndex];
            var rng = new Random(unchecked(seed * 7919 + ti * 104729 + 17));
            var col = _table.Column(target).ToArray();
            var eligible = Enumerable.Range(0, col.Length).Where(i => !double.IsNaN(col[i])).ToArray();
            if (sizes[^1] >= eligible.Length) throw new ArgumentException($"{target} has only {eligible.Length} measured architectures");
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
                var auto = adapter.AdaptAuto(x, y, target);
                var srcc = new Dictionary<AdaptationMethod, double>();
                foreach (var m in options.Candidates)
                {
                    var fitted = m == auto.Method ? auto : adapter.Adapt(x, y, target, m);
                    srcc[m] = Spearman.Pearson(Ranking.AverageRanks(restX.Multiply(fitted.Predictor.Weights)), restRanks);
                }
                cells[jobIndex, s] = (auto.Method, srcc, srcc[auto.Method], device.Measurements);
            }
            progress?.Report(Interlocked.Increment(ref done));
        });
        var rows = new List<AdaptationBenchmarkRow>();
        foreach (var target in targets)
            for (int s = 0; s < sizes.Length; s++)
            {
                var mine = Enumerable.Range(0, jobs.Length).Where(j => jobs[j].Target == target).Select(j => cells[j, s]).ToArray();
                var means = options.Candidates.ToDictionary(m => m, m => mine.Average(c => c.Srcc[m]));
                var autos = mine.Select(c => c.AutoSrcc).ToArray();
                double mean = autos.Average();
                double std = autos.Length > 1 ? Math.Sqrt(autos.Sum(a => (a - mean) * (a - mean)) / (autos.Length - 1)) : 0;
                var picks = mine.GroupBy(c => c.Auto).ToDictionary(g => g.Key, g => g.Count());
                rows.Add(new AdaptationBenchmarkRow(target, sizes[s], seeds, means, mean, std, mine.Average(c => c.Measured), picks));
            }
        return rows;
    }
}

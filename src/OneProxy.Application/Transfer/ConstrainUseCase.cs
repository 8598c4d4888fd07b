using System.Collections.Concurrent;
using OneProxy.Data;
using OneProxy.Devices;
using OneProxy.Predictors;
using OneProxy.Search;
using OneProxy.Transfer;

namespace OneProxy.Application.Transfer;

/// <summary>
/// Algorithm 1 on recorded targets: bisection on t so that the architecture searched on the
/// proxy's predictor meets a latency constraint on the target, with at most
/// ceil(log2(1/granularity + 1)) target measurements. Enumerable spaces (x*(t) by exhaustive search).
/// </summary>
public static class ConstrainUseCase
{
    public static ConstrainReport Run(ConstrainRequest request, CancellationToken cancellation = default)
    {
        request.Validate();
        var (loaded, acc, notes) = SearchInputs.Load(request.Latency, request.Accuracy);
        var (table, s) = (loaded.Table, loaded.Space);
        var p = request.Proxy;
        var scorer = new ArchitectureScorer(s, new CharacterisedDevices(s, table).Predictor(p), acc);
        var targets = request.Targets is { Count: > 0 } given ? given : table.ColumnNames.Where(c => c != p).ToArray();
        // x*(t) over the whole space, cached per t: the bisection revisits none, but targets share them.
        // A partial recording searches, per target, only what that target can replay (RecordedCoverage).
        var whole = new Lazy<Func<double, Candidate>>(() => Solver(ExhaustiveSearch.ScoreAll(scorer)));
        var rows = new List<ConstrainRow>();
        foreach (var target in targets)
        {
            cancellation.ThrowIfCancellationRequested();
            var coverage = RecordedCoverage.Of(table, s, acc, target);
            if (coverage.Note is string partial) notes.Add($"{target}: {partial}");
            var Solve = coverage.WholeSpace ? whole.Value : Solver(scorer.Score(coverage.Architectures));
            var archs = coverage.Architectures;
            var allAcc = acc.PredictAll(archs);
            var truth = new RecordedDevice(table, target);
            var col = archs.Select(truth.MeasureMs).ToArray();
            var oracle = Pareto.Front(archs, col, allAcc);
            var limits = request.MaxLatency is double l ? [l] : request.Percentiles.Select(q => Percentile(oracle.Select(c => c.LatencyMs).ToArray(), q)).ToArray();
            foreach (var limit in limits)
            {
                var r = LatencyBisection.Run(Solve, new RecordedDevice(table, target), limit, request.Tolerance * limit, request.Granularity);
                double oracleAcc = col.Select((ms, i) => ms <= limit ? allAcc[i] : double.NaN).Where(a => !double.IsNaN(a)).DefaultIfEmpty(double.NaN).Max(); // every covered row is measured
                var best = r.Best;
                rows.Add(new ConstrainRow(target, limit, best?.LatencyMs ?? double.NaN, best?.AccuracyPercent ?? double.NaN, oracleAcc,
                    best is not null && best.LatencyMs <= limit, best is not null, r.TargetMeasurements, best is null ? null : s.Format(best.Architecture)));
            }
        }
        return new ConstrainReport(rows, notes);
    }

    /// <summary>x*(t) = argmin of Eq. (1.6) over the scored candidates, cached per t.</summary>
    private static Func<double, Candidate> Solver(Candidate[] scored)
    {
        var scale = ObjectiveScale.From(scored);
        var cache = new ConcurrentDictionary<double, Candidate>();
        return t => cache.GetOrAdd(t, tt => scored.MinBy(c => scale.Fitness(c, tt))!);
    }

    /// <summary>The q-th percentile (nearest rank) of <paramref name="values"/>; sorts them.</summary>
    public static double Percentile(double[] values, int q)
    {
        Require.InRange(q, 0, 100, "percentiles");
        if (values.Length == 0) throw new UnusableDataException("no latencies to take a percentile of");
        Array.Sort(values);
        return values[(int)Math.Round((values.Length - 1) * q / 100.0)];
    }
}

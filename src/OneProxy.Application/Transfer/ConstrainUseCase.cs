using OneProxy.Accuracy;
using OneProxy.Data;
using OneProxy.Devices;
using OneProxy.Predictors;
using OneProxy.Search;
using OneProxy.SearchSpaces;
using OneProxy.Transfer;

namespace OneProxy.Application.Transfer;

/// <summary>
/// Algorithm 1 on recorded targets: bisection on t so that the architecture searched on the
/// proxy's predictor meets a latency constraint on the target, with at most
/// ceil(log2(1/granularity + 1)) target measurements. x*(t) by exhaustive search over what the
/// target can replay: the whole space, or the recorded architectures of a partial recording or a
/// space too large to enumerate (OFA). Each row carries the trace and why nothing better was chosen.
/// </summary>
public static class ConstrainUseCase
{
    /// <param name="progress">Targets done of the total.</param>
    public static ConstrainReport Run(ConstrainRequest request, CancellationToken cancellation = default, IProgress<WorkProgress>? progress = null)
    {
        request.Validate();
        RequireRecording(request.Latency);
        var (loaded, acc, notes) = SearchInputs.Load(request.Latency, request.Accuracy);
        var (table, s) = (loaded.Table, loaded.Space);
        var p = request.Proxy;
        var scorer = new ArchitectureScorer(s, new CharacterisedDevices(s, table).Predictor(p), acc);
        var targets = request.Targets is { Count: > 0 } given ? given : table.ColumnNames.Where(c => c != p).ToArray();
        // x*(t) over the whole space, cached per t: the bisection revisits none, but targets share them.
        // A partial recording (or a space too large to enumerate, such as OFA) searches, per target,
        // only what that target can replay (RecordedCoverage): a recorded target measures nothing else.
        var whole = new Lazy<ConstrainSolver>(() => new ConstrainSolver(ExhaustiveSearch.ScoreAll(scorer)));
        var rows = new List<ConstrainRow>();
        var done = WorkProgress.Of(progress, targets.Count);
        int finished = 0;
        foreach (var target in targets)
        {
            cancellation.ThrowIfCancellationRequested();
            Require.That(table.HasColumn(target), "targets", $"{table.Source} has no device column '{target}'");
            var coverage = RecordedCoverage.Of(table, s, acc, target);
            if (coverage.Note is string partial) notes.Add($"{target}: {partial}");
            if (!coverage.WholeSpace && s.Size > EnumerableSize && target == targets[0])
                notes.Add($"{s.Name} is too large to enumerate: x*(t) is searched over the recorded architectures, since evolution would breed ones a recorded target cannot measure; for a live device use 'search --space {s.Name} --method evolution --max-latency MS'");
            var solver = coverage.WholeSpace ? whole.Value : new ConstrainSolver(scorer.Score(coverage.Architectures));
            var archs = coverage.Architectures;
            var allAcc = acc.PredictAll(archs);
            var truth = new RecordedDevice(table, target);
            var col = archs.Select(truth.MeasureMs).ToArray();
            var measured = new Dictionary<Architecture, double>(archs.Length);
            for (int i = 0; i < archs.Length; i++) measured[archs[i]] = col[i];
            var oracle = Pareto.Front(archs, col, allAcc);
            var limits = request.MaxLatency is double l ? [l] : request.Percentiles.Select(q => Percentile(oracle.Select(c => c.LatencyMs).ToArray(), q)).ToArray();
            foreach (var limit in limits)
            {
                double tol = request.Tolerance * limit;
                var r = LatencyBisection.Run(solver.Solve, new RecordedDevice(table, target), limit, tol, request.Granularity);
                // Every covered row is measured, so the recording's best under the bound is known.
                var oracleBest = oracle.Where(c => c.LatencyMs <= limit).MaxBy(c => c.AccuracyPercent);
                double oracleAcc = oracleBest?.AccuracyPercent ?? double.NaN;
                var best = r.Best;
                var why = ConstrainExplanation.Explain(solver, r, limit, tol, request.Granularity, measured, oracleBest, s.Format);
                rows.Add(new ConstrainRow(target, limit, best?.LatencyMs ?? double.NaN, best?.AccuracyPercent ?? double.NaN, oracleAcc,
                    best is not null && best.LatencyMs <= limit, best is not null, r.TargetMeasurements, best is null ? null : s.Format(best.Architecture), r.Steps, why));
            }
            done?.Report(++finished);
        }
        return new ConstrainReport(rows, notes, acc is not TableAccuracy);
    }

    /// <summary>Spaces larger than this are not enumerated (OFA MobileNet-V3); constrain searches their recorded architectures.</summary>
    public const long EnumerableSize = 10_000_000;

    /// <summary>
    /// Constrain replays its targets from a table; a space with no shared recording (OFA) gets one line
    /// saying what to give, or which command serves a live device, instead of the generic "no latency table".
    /// </summary>
    private static void RequireRecording(LatencyInput latency)
    {
        if (latency.LatencyPath is not null) return;
        var space = SearchSpaceRegistry.Get(latency.Space);
        if (File.Exists(Path.Combine(DatasetLocator.Root, space.Name, "latency_ms.csv"))) return;
        throw new InvalidOptionException("latency", $"constrain replays recorded targets and {space.Name} has no latency table in {DatasetLocator.Root}: " +
            $"give --latency CSV (x*(t) is then searched over the architectures the targets recorded), or for a live device use 'search --space {space.Name} --method evolution --max-latency MS'");
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

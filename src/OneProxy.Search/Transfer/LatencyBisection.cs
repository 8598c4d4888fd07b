using OneProxy.Devices;
using OneProxy.Search;

namespace OneProxy.Transfer;

/// <summary>One step of the bisection: the t tried, the architecture it gave, and its measured latency.</summary>
public sealed record BisectionStep(double T, Candidate Predicted, double MeasuredLatencyMs);

/// <summary>Outcome: the most accurate measured architecture that met the constraint (null if none did), and every step.</summary>
public sealed record BisectionResult(Candidate? Best, IReadOnlyList<BisectionStep> Steps, int TargetMeasurements);

/// <summary>
/// Chapter 1, Algorithm 1: find t* in [0, 1] such that x*(t) = argmin (t-1)*acc + t*lat (on the
/// proxy's predictor) just meets the latency constraint on the target, by bisection on t with one
/// target measurement per step: at most ceil(log2(1/granularity + 1)) measurements. Relies on
/// monotonicity: a larger t gives a faster architecture on the target as well.
/// Returns the most accurate measured architecture within the constraint, which is never worse
/// than the last x*(t) the algorithm stops at.
/// </summary>
public static class LatencyBisection
{
    /// <param name="solve">x*(t) for a t on the granularity grid (exhaustive or evolutionary).</param>
    public static BisectionResult Run(Func<double, Candidate> solve, ILatencyDevice target, double maxLatencyMs, double toleranceMs, double granularity = 0.001)
    {
        if (!(maxLatencyMs > 0)) throw new InvalidOptionException("max-latency", $"must be positive (got {maxLatencyMs})");
        if (!(toleranceMs >= 0)) throw new InvalidOptionException("tolerance", $"must be >= 0 (got {toleranceMs})");
        if (granularity is < 1e-6 or > 0.5 || double.IsNaN(granularity)) throw new InvalidOptionException("granularity", $"must be in [1e-6, 0.5] (got {granularity})");
        int grid = (int)Math.Round(1 / granularity);
        int maxIterations = (int)Math.Ceiling(Math.Log2(grid + 1));
        int lo = 0, hi = grid, before = target.Measurements;
        var steps = new List<BisectionStep>();
        var measured = new Dictionary<SearchSpaces.Architecture, double>();
        for (int i = 0; i < maxIterations && lo <= hi; i++)
        {
            int mid = (lo + hi) / 2;
            double t = mid / (double)grid;
            var x = solve(t);
            if (!measured.TryGetValue(x.Architecture, out var lat))
                measured[x.Architecture] = lat = target.MeasureMs(x.Architecture);
            steps.Add(new BisectionStep(t, x, lat));
            if (lat >= maxLatencyMs + toleranceMs) lo = mid + 1;      // too slow: weigh latency more
            else if (lat <= maxLatencyMs - toleranceMs) hi = mid - 1; // room to spare: weigh accuracy more
            else break;
        }
        var best = steps.Where(s => s.MeasuredLatencyMs <= maxLatencyMs + toleranceMs)
            .OrderByDescending(s => s.Predicted.AccuracyPercent).ThenBy(s => s.MeasuredLatencyMs).Select(s => s.Predicted with { LatencyMs = s.MeasuredLatencyMs })
            .FirstOrDefault();
        return new BisectionResult(best, steps, target.Measurements - before);
    }
}

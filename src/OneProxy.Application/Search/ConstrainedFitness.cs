using OneProxy.Search;

namespace OneProxy.Application.Search;

/// <summary>
/// Fitness (lower is better) for "the most accurate architecture within a latency limit" by
/// evolution: feasible candidates by accuracy; infeasible ones after every feasible one, ordered
/// by how far over the limit they are, so the population is pulled towards feasibility.
/// </summary>
public static class ConstrainedFitness
{
    /// <summary>Larger than any accuracy in percent, so every infeasible candidate ranks below every feasible one.</summary>
    private const double InfeasiblePenalty = 1e6;

    public static Func<Candidate, double> Within(double maxLatencyMs) =>
        c => c.LatencyMs <= maxLatencyMs ? -c.AccuracyPercent : InfeasiblePenalty + c.LatencyMs - maxLatencyMs;
}

using OneProxy.SearchSpaces;

namespace OneProxy.Search;

/// <summary>Scores every architecture of an enumerable space (NAS-Bench-201: 15,625) in one batched call.</summary>
public static class ExhaustiveSearch
{
    public static Candidate[] ScoreAll(ArchitectureScorer scorer)
    {
        CheckEnumerable(scorer.Space);
        return scorer.Score(scorer.Space.Enumerate().ToArray());
    }

    /// <summary>Refuses spaces too large to enumerate (NAS-Bench-201's 15,625 is fine; FBNet's 10^21 is not).</summary>
    public static void CheckEnumerable(ISearchSpace space)
    {
        if (space.Size > 5_000_000)
            throw new UnusableDataException($"{space.Name} has {space.Size} architectures; use evolutionary search");
    }

    public static IReadOnlyList<Candidate> Front(ArchitectureScorer scorer) => Pareto.NonDominated(ScoreAll(scorer));

    /// <summary>Most accurate architecture with predicted latency at most <paramref name="maxLatencyMs"/> (ties: the faster), or null if none fits.</summary>
    public static Candidate? Constrained(IReadOnlyList<Candidate> scored, double maxLatencyMs) =>
        scored.Where(c => c.LatencyMs <= maxLatencyMs).OrderByDescending(c => c.AccuracyPercent).ThenBy(c => c.LatencyMs).FirstOrDefault();
}

using System.Diagnostics;

namespace OneProxy.Search;

/// <summary>Limits of one search run; every run is bounded by batches, evaluations and (optionally) wall time.</summary>
public sealed record SearchBudget
{
    public int MaxBatches { get; init; } = 1_000;
    public long MaxEvaluations { get; init; } = 10_000_000;
    public TimeSpan? MaxTime { get; init; }

    public SearchBudget Validate()
    {
        Require.InRange(MaxBatches, 1, 10_000_000, "batches");
        Require.InRange(MaxEvaluations, 1L, 1_000_000_000L, "evaluations");
        if (MaxTime is { } t) Require.That(t > TimeSpan.Zero, "time-budget", $"must be positive (got {t.TotalSeconds} s)");
        return this;
    }
}

/// <summary>What a run spent and found.</summary>
public sealed record SearchOutcome(IReadOnlyList<ScoredArchitecture> Front, int Batches, long Evaluations, TimeSpan Elapsed, bool StoppedByBudget);

/// <summary>Drives an ask/tell strategy against an evaluator within a budget, honouring cancellation between batches.</summary>
public static class SearchRunner
{
    public static SearchOutcome Run(ISearchStrategy strategy, IObjectiveEvaluator evaluator, SearchBudget budget, CancellationToken cancellationToken = default)
    {
        budget = budget.Validate();
        var sw = Stopwatch.StartNew();
        int batches = 0;
        long evaluations = 0;
        bool byBudget = false;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (batches >= budget.MaxBatches || evaluations >= budget.MaxEvaluations || (budget.MaxTime is { } t && sw.Elapsed >= t)) { byBudget = true; break; }
            var batch = strategy.Ask();
            if (batch.Count == 0) break;
            var values = evaluator.Evaluate(batch, cancellationToken);
            if (values.Length != batch.Count) throw new InvalidOperationException($"evaluator returned {values.Length} rows for a batch of {batch.Count}");
            strategy.Tell(batch, values);
            batches++;
            evaluations += batch.Count;
        }
        return new SearchOutcome(strategy.Front, batches, evaluations, sw.Elapsed, byBudget);
    }
}

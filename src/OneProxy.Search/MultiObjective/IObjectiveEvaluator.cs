using OneProxy.SearchSpaces;

namespace OneProxy.Search;

/// <summary>
/// The seam every multi-objective search talks to: a list of named metrics and one batched call
/// that scores a whole population (one row of values per architecture, in metric order).
/// Predictors, cost models, measured tables and QoE models all enter search through it.
/// </summary>
public interface IObjectiveEvaluator
{
    ISearchSpace Space { get; }
    IReadOnlyList<Metric> Metrics { get; }

    /// <summary>Values for each architecture; must throw rather than return NaN for what it cannot score.</summary>
    double[][] Evaluate(IReadOnlyList<Architecture> batch, CancellationToken cancellationToken = default);
}

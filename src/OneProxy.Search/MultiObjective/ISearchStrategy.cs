using OneProxy.SearchSpaces;

namespace OneProxy.Search;

/// <summary>
/// Ask/tell search (as in ML.NET AutoML tuners and OFA's evolution finder): the strategy proposes
/// a batch, the caller scores it however it likes (predictors, a cost model, a real device), and
/// tells the values back. Strategies never call an evaluator themselves, so the same strategy runs
/// on a predictor in microseconds or on a device that takes minutes per batch.
/// </summary>
public interface ISearchStrategy
{
    /// <summary>The next batch to score; empty when the strategy has nothing more to propose.</summary>
    IReadOnlyList<Architecture> Ask();

    /// <summary>Scores for the batch last returned by <see cref="Ask"/>, in the same order.</summary>
    void Tell(IReadOnlyList<Architecture> batch, IReadOnlyList<double[]> values);

    /// <summary>The non-dominated set of everything told so far.</summary>
    IReadOnlyList<ScoredArchitecture> Front { get; }
}

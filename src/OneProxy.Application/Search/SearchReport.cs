using OneProxy.Search;
using OneProxy.SearchSpaces;

namespace OneProxy.Application.Search;

/// <summary>
/// The searched set; its latencies are the predictor's (<see cref="ModelName"/>), not measurements.
/// <see cref="AccuracyPredicted"/>: accuracies come from an accuracy predictor, not a table.
/// </summary>
public sealed record SearchReport(ISearchSpace Space, string ModelName, SearchMethod Method, IReadOnlyList<Candidate> Front, TimeSpan Elapsed, IReadOnlyList<string> Notes,
    bool AccuracyPredicted = false)
{
    public string MethodName => Method.ToString().ToLowerInvariant();
}

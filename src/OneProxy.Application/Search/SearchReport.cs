using OneProxy.Search;
using OneProxy.SearchSpaces;

namespace OneProxy.Application.Search;

/// <summary>The searched set; its latencies are the predictor's (<see cref="ModelName"/>), not measurements.</summary>
public sealed record SearchReport(ISearchSpace Space, string ModelName, SearchMethod Method, IReadOnlyList<Candidate> Front, TimeSpan Elapsed, IReadOnlyList<string> Notes)
{
    public string MethodName => Method.ToString().ToLowerInvariant();
}

using OneProxy.Adaptation;

namespace OneProxy.Application.Bench;

/// <summary>Either <see cref="Rows"/> (fixed sample sizes) or <see cref="IncrementalRows"/> (with <see cref="Incremental"/>) is filled.</summary>
public sealed record BenchAdaptReport(string Proxy, IReadOnlyList<AdaptationBenchmarkRow> Rows,
    IReadOnlyList<IncrementalBenchmarkRow> IncrementalRows, IncrementalOptions? Incremental, IReadOnlyList<string> Notes);

using OneProxy.SearchSpaces;

namespace OneProxy.Search;

/// <summary>An architecture with its two objectives: latency (ms, or the stand-in a model predicts; lower is better) and accuracy (%; higher is better).</summary>
public sealed record Candidate(Architecture Architecture, double LatencyMs, double AccuracyPercent);

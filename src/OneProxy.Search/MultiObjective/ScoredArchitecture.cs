using OneProxy.SearchSpaces;

namespace OneProxy.Search;

/// <summary>An architecture with one value per metric of the evaluator that scored it.</summary>
public sealed record ScoredArchitecture(Architecture Architecture, double[] Values);

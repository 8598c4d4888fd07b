namespace OneProxy.Monotonicity;

/// <summary>A device ranked as proxy: how many others it is monotone with, and how strongly.</summary>
public sealed record ProxyCandidate(string Device, int MonotoneCount, double MeanSrcc, double MinSrcc,
    IReadOnlyList<string> MonotoneWith);

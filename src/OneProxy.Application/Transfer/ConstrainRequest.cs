namespace OneProxy.Application.Transfer;

/// <summary>Chapter 1's Algorithm 1 (bisection on t) on recorded targets: <c>oneproxy constrain</c>.</summary>
public sealed record ConstrainRequest
{
    public LatencyInput Latency { get; init; } = new();
    public AccuracyInput Accuracy { get; init; } = new();
    public string Proxy { get; init; } = "pixel3";
    /// <summary>Target columns; null or empty: every column but the proxy.</summary>
    public IReadOnlyList<string>? Targets { get; init; }
    /// <summary>One constraint for every target (ms); null: <see cref="Percentiles"/> of each target's oracle front.</summary>
    public double? MaxLatency { get; init; }
    public IReadOnlyList<int> Percentiles { get; init; } = [25, 50, 75];
    /// <summary>delta of Algorithm 1 as a fraction of the constraint.</summary>
    public double Tolerance { get; init; } = 0.05;
    public double Granularity { get; init; } = 0.001;

    public ConstrainRequest Validate()
    {
        if (MaxLatency is double limit) Require.Positive(limit, "max-latency");
        else Require.That(Percentiles.Count > 0, "percentiles", "give at least one percentile");
        foreach (var q in Percentiles) Require.InRange(q, 0, 100, "percentiles");
        Require.InRange(Tolerance, 0.0, 1.0, "tolerance");
        Require.That(Granularity is > 0 and <= 1, "granularity", $"must be in (0, 1] (got {Granularity})");
        return this;
    }
}

namespace OneProxy.Search;

/// <summary>
/// A named objective with its unit and direction. Names are the column names used in CSV and
/// JSON output (<c>latency_ms</c>, <c>energy_mj</c>, ...), so a front's file says what it holds.
/// </summary>
public sealed record Metric(string Name, MetricDirection Direction, string Unit)
{
    public static readonly Metric LatencyMs = new("latency_ms", MetricDirection.Minimize, "ms");
    public static readonly Metric EnergyMj = new("energy_mj", MetricDirection.Minimize, "mJ");
    public static readonly Metric EnergyNj = new("energy_nj", MetricDirection.Minimize, "nJ");
    public static readonly Metric Cycles = new("cycles", MetricDirection.Minimize, "cycles");
    public static readonly Metric AccuracyPercent = new("accuracy", MetricDirection.Maximize, "%");
    public static readonly Metric Qoe = new("qoe", MetricDirection.Maximize, "");

    /// <summary>The value turned so that smaller is better: used by every dominance test.</summary>
    public double Minimized(double value) => Direction == MetricDirection.Minimize ? value : -value;

    /// <summary>True when <paramref name="a"/> is at least as good as <paramref name="b"/>.</summary>
    public bool NoWorse(double a, double b) => Minimized(a) <= Minimized(b);
}

namespace OneProxy.Search;

/// <summary>Whether smaller (latency, energy, cycles) or larger (accuracy, QoE) values are better.</summary>
public enum MetricDirection
{
    Minimize,
    Maximize,
}

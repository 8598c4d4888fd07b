namespace OneProxy.Data;

/// <summary>What the value columns of a wide table hold, which decides what is valid.</summary>
public enum ValueKind
{
    /// <summary>Latencies in ms (or energies, cycles): positive; empty, -1 and NaN mean "not measured".</summary>
    LatencyMs,
    /// <summary>Accuracies in percent, 0..100; empty, -1 and NaN mean "not available".</summary>
    AccuracyPercent,
}

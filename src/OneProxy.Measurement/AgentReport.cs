namespace OneProxy.Measurement;

/// <summary>One result line of a device agent: a measurement, or a failure for one architecture.</summary>
public abstract record AgentReport(string Architecture, long Line);

/// <summary>
/// A measured architecture. Fields other than the median are optional in the protocol; where
/// the agent reports batch, threads or input size they are checked against the requested setting.
/// </summary>
public sealed record AgentMeasurement(
    string Architecture, long Line, double MedianMs, double? MeanMs, double? StdMs, int? Runs,
    int? BatchSize, int? Threads, int? InputSize, string? Runtime, double? MinMs = null,
    double? EnergyMj = null) : AgentReport(Architecture, Line);

/// <summary>The agent could not measure this architecture and said why; it goes on with the next.</summary>
public sealed record AgentFailure(string Architecture, long Line, string Error) : AgentReport(Architecture, Line);

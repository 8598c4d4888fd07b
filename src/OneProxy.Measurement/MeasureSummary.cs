namespace OneProxy.Measurement;

/// <summary>
/// What a measuring run did. <see cref="StoredMeanwhile"/> counts architectures another process
/// stored while this one ran (skipped, or measured twice and kept once).
/// </summary>
public sealed record MeasureSummary(
    int Requested, int AlreadyStored, int Measured, int StoredMeanwhile, IReadOnlyList<AgentFailure> Failures);

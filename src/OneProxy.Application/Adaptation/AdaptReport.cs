using OneProxy.Adaptation;

namespace OneProxy.Application.Adaptation;

/// <summary>
/// The adapted predictor and how it was chosen. With a recording: every round, whether the
/// threshold was reached, and the SRCC on the recording's unmeasured architectures (what a
/// recording can tell that a real device cannot).
/// </summary>
public sealed record AdaptReport(string Target, string ProxyDevice, IReadOnlyList<string> LibraryDevices, AdaptationResult Result, int Measurements,
    IReadOnlyList<AdaptationRound> Rounds, bool? ReachedThreshold, double? UnmeasuredSrcc, int Unmeasured, IReadOnlyList<string> Notes);

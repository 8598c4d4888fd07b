namespace OneProxy.Application.Transfer;

/// <summary>One constraint on one target. <see cref="LatencyMs"/> is measured on the target; NaN where nothing was found.</summary>
public sealed record ConstrainRow(string Target, double MaxLatencyMs, double LatencyMs, double Accuracy, double OracleAccuracy,
    bool Met, bool WithinTolerance, int TargetMeasurements, string? Arch)
{
    public double AccuracyGap => OracleAccuracy - Accuracy;
}

public sealed record ConstrainReport(IReadOnlyList<ConstrainRow> Rows, IReadOnlyList<string> Notes);

using OneProxy.Transfer;

namespace OneProxy.Application.Transfer;

/// <summary>
/// One constraint on one target. <see cref="LatencyMs"/> is measured on the target; NaN where nothing was found.
/// <see cref="Steps"/>: the bisection's trace (t, x*(t) with its predicted latency and accuracy, measured latency);
/// <see cref="Explanation"/>: why no more accurate design under the bound was chosen.
/// </summary>
public sealed record ConstrainRow(string Target, double MaxLatencyMs, double LatencyMs, double Accuracy, double OracleAccuracy,
    bool Met, bool WithinTolerance, int TargetMeasurements, string? Arch, IReadOnlyList<BisectionStep> Steps, string Explanation)
{
    public double AccuracyGap => OracleAccuracy - Accuracy;
}

/// <summary>The constraints' rows; <see cref="AccuracyPredicted"/>: accuracies come from a predictor, not a table.</summary>
public sealed record ConstrainReport(IReadOnlyList<ConstrainRow> Rows, IReadOnlyList<string> Notes, bool AccuracyPredicted = false);

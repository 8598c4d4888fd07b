using OneProxy.Search;
using OneProxy.SearchSpaces;

namespace OneProxy.Reports;

/// <summary>
/// A Pareto set as a table, best latency first. The latency and accuracy columns say whether the
/// values are predicted (by a model) or measured (on the target, or a table of trained networks),
/// so a reader never mistakes one for the other.
/// </summary>
public static class FrontTable
{
    /// <summary>Column name for latencies a model predicted (search on a predictor).</summary>
    public const string PredictedLatency = "predicted_latency_ms";

    /// <summary>Column name for latencies measured on the target (transferred sets).</summary>
    public const string MeasuredLatency = "measured_latency_ms";

    /// <summary>Column name for accuracies read from a table of trained networks.</summary>
    public const string MeasuredAccuracy = "measured_accuracy";

    /// <summary>Column name for accuracies an accuracy predictor (MLP) estimated.</summary>
    public const string PredictedAccuracy = "predicted_accuracy";

    public static OutputTable Create(ISearchSpace space, IReadOnlyList<Candidate> front, string latencyColumn, string accuracyColumn = MeasuredAccuracy)
    {
        var table = new OutputTable("arch", latencyColumn, accuracyColumn);
        foreach (var c in front.OrderBy(c => c.LatencyMs))
            table.Add(space.Format(c.Architecture), OutputTable.Num(c.LatencyMs, "G6"), OutputTable.Num(c.AccuracyPercent, "0.###"));
        return table;
    }
}

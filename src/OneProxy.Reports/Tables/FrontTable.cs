using OneProxy.Search;
using OneProxy.SearchSpaces;

namespace OneProxy.Reports;

/// <summary>
/// A Pareto set as a table, best latency first. The latency column says whether the values are
/// predicted (by a model) or measured (on the target), so a reader never mistakes one for the other.
/// </summary>
public static class FrontTable
{
    /// <summary>Column name for latencies a model predicted (search on a predictor).</summary>
    public const string PredictedLatency = "predicted_latency_ms";

    /// <summary>Column name for latencies measured on the target (transferred sets).</summary>
    public const string MeasuredLatency = "measured_latency_ms";

    public static OutputTable Create(ISearchSpace space, IReadOnlyList<Candidate> front, string latencyColumn)
    {
        var table = new OutputTable("arch", latencyColumn, "accuracy");
        foreach (var c in front.OrderBy(c => c.LatencyMs))
            table.Add(space.Format(c.Architecture), OutputTable.Num(c.LatencyMs, "G6"), OutputTable.Num(c.AccuracyPercent, "0.###"));
        return table;
    }
}

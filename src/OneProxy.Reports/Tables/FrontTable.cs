using OneProxy.Search;
using OneProxy.SearchSpaces;

namespace OneProxy.Reports;

/// <summary>
/// A Pareto set as a table, best latency first. The latency column says whether the values are
/// predicted (by a model) or measured (on the target), so a reader never mistakes one for the other.
/// </summary>
public static class FrontTable
{
    public static OutputTable Create(ISearchSpace space, IReadOnlyList<Candidate> front, string latencyColumn = "latency_ms")
    {
        var table = new OutputTable("arch", latencyColumn, "accuracy");
        foreach (var c in front.OrderBy(c => c.LatencyMs))
            table.Add(space.Format(c.Architecture), OutputTable.Num(c.LatencyMs, "G6"), OutputTable.Num(c.AccuracyPercent, "0.###"));
        return table;
    }
}

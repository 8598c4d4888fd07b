using OneProxy.SearchSpaces;

namespace OneProxy.Data;

/// <summary>
/// Adds the space's cost model as pseudo-devices: "flops" (MFLOPs) and "params" (M). They need no
/// measurement, so they can join an SRCC matrix or an adaptation library for free.
/// </summary>
public static class CostColumns
{
    public static readonly string[] Names = ["flops", "params"];

    public static WideTable Add(WideTable table, ISearchSpace space)
    {
        foreach (var n in Names.Where(table.HasColumn))
            throw new UnusableDataException($"{table.Source} already has a column '{n}'");
        var costs = table.RequireArchitectures().Select(space.Cost).ToArray();
        var columns = table.ColumnNames.Select((_, c) => table.Column(c).ToArray())
            .Append(costs.Select(c => c.MFlops).ToArray()).Append(costs.Select(c => c.MParams).ToArray()).ToArray();
        return new WideTable(table.Source, table.Kind, [.. table.ColumnNames, .. Names], columns, table.Indices, table.Architectures);
    }
}

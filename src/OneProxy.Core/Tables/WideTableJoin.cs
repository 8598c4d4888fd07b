using OneProxy.SearchSpaces;

namespace OneProxy.Data;

/// <summary>Joins two wide tables of one space on the architecture (inner join: rows present in both).</summary>
public static class WideTableJoin
{
    public static WideTable Inner(WideTable left, WideTable right)
    {
        var la = left.RequireArchitectures();
        var ra = right.RequireArchitectures();
        foreach (var name in right.ColumnNames.Where(left.HasColumn))
            throw new UnusableDataException($"column '{name}' is in both {left.Source} and {right.Source}; rename one");
        var rowOf = new Dictionary<Architecture, int>(ra.Count);
        for (int i = 0; i < ra.Count; i++) rowOf[ra[i]] = i;
        var pairs = Enumerable.Range(0, la.Count).Where(i => rowOf.ContainsKey(la[i])).Select(i => (L: i, R: rowOf[la[i]])).ToArray();
        if (pairs.Length == 0) throw new UnusableDataException($"{left.Source} and {right.Source} have no architecture in common");
        var columns = left.ColumnNames.Select((_, c) => pairs.Select(p => left.Column(c)[p.L]).ToArray())
            .Concat(right.ColumnNames.Select((_, c) => pairs.Select(p => right.Column(c)[p.R]).ToArray())).ToArray();
        return new WideTable($"{left.Source} + {right.Source}", left.Kind, [.. left.ColumnNames, .. right.ColumnNames], columns,
            null, pairs.Select(p => la[p.L]).ToList());
    }
}

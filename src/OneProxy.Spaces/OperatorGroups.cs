namespace OneProxy.SearchSpaces;

/// <summary>
/// Features grouped by operator type, read from the "position:operator" feature names every
/// space uses (NAS-Bench-201 "edge0->1:nor_conv_3x3", FBNet "block3:k5_e6", MobileNet "block7:k3_e4").
/// One correction per operator type instead of one per (position, operator) is what lets a few
/// target measurements identify a device's deviations: NAS-Bench-201 has 5 types but 30 features.
/// Features without a ':' (the bias, resolution terms) belong to no group.
/// </summary>
public sealed record OperatorGroups(IReadOnlyList<string> Names, IReadOnlyList<int> GroupOfFeature)
{
    public const int None = -1;

    public int Count => Names.Count;

    public static OperatorGroups Of(ISearchSpace space)
    {
        var names = new List<string>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var groupOf = new int[space.FeatureCount];
        for (int j = 0; j < groupOf.Length; j++)
        {
            var name = space.FeatureNames[j];
            int colon = name.LastIndexOf(':');
            if (colon < 0) { groupOf[j] = None; continue; }
            var op = name[(colon + 1)..];
            if (!index.TryGetValue(op, out var g))
            {
                g = names.Count;
                index[op] = g;
                names.Add(op);
            }
            groupOf[j] = g;
        }
        return new OperatorGroups(names, groupOf);
    }

    /// <summary>Per architecture (row), the summed features of each group: on one-hot encodings, how often each operator occurs.</summary>
    public double[,] Counts(double[,] features)
    {
        int n = features.GetLength(0), p = features.GetLength(1);
        if (p != GroupOfFeature.Count) throw new ArgumentException($"features have {p} columns, groups describe {GroupOfFeature.Count}");
        var counts = new double[n, Count];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < p; j++)
            {
                int g = GroupOfFeature[j];
                if (g != None) counts[i, g] += features[i, j];
            }
        return counts;
    }
}

namespace OneProxy.Search;

/// <summary>
/// Non-dominated filtering for any number of objectives. A point dominates another when it is no
/// worse in every metric and better in at least one. Two metrics take the sort-and-sweep path
/// (O(n log n)); more metrics sort by the first and test each point only against the front
/// found so far (O(n |front| m)), which is what keeps million-point inputs cheap.
/// </summary>
public static class ParetoSet
{
    /// <summary>Indices of the non-dominated points, ordered by the first metric (best first); exact duplicates keep the first index.</summary>
    public static int[] NonDominated(IReadOnlyList<Metric> metrics, IReadOnlyList<double[]> points)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(points);
        int m = metrics.Count;
        if (m == 0) throw new ArgumentException("at least one metric is needed", nameof(metrics));
        var min = new double[points.Count][];
        for (int i = 0; i < points.Count; i++)
        {
            if (points[i].Length != m) throw new ArgumentException($"point {i} has {points[i].Length} values for {m} metrics");
            min[i] = new double[m];
            for (int j = 0; j < m; j++)
            {
                if (double.IsNaN(points[i][j])) throw new ArgumentException($"point {i} has a NaN value of {metrics[j].Name}");
                min[i][j] = metrics[j].Minimized(points[i][j]);
            }
        }
        var order = Enumerable.Range(0, min.Length).ToArray();
        Array.Sort(order, (a, b) =>
        {
            for (int j = 0; j < m; j++)
            {
                int c = min[a][j].CompareTo(min[b][j]);
                if (c != 0) return c;
            }
            return a.CompareTo(b);
        });
        var front = new List<int>();
        if (m == 2)
        {
            double best = double.PositiveInfinity;
            foreach (var i in order)
                if (min[i][1] < best) { front.Add(i); best = min[i][1]; }
            return [.. front];
        }
        foreach (var i in order)
        {
            bool dominated = false;
            foreach (var f in front)
                if (WeaklyDominates(min[f], min[i])) { dominated = true; break; }
            if (!dominated) front.Add(i);
        }
        return [.. front];
    }

    /// <summary>
    /// True when <paramref name="a"/> is no worse than <paramref name="b"/> everywhere (both minimised).
    /// Called only with <paramref name="a"/> earlier in lexicographic order, so "no worse everywhere"
    /// means dominated or an exact duplicate, and duplicates keep the first.
    /// </summary>
    private static bool WeaklyDominates(double[] a, double[] b)
    {
        for (int j = 0; j < a.Length; j++)
            if (a[j] > b[j]) return false;
        return true;
    }
}

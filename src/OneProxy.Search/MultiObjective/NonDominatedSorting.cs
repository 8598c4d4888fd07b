namespace OneProxy.Search;

/// <summary>
/// Deb's fast non-dominated sorting and crowding distance for any number of metrics (NSGA-II).
/// Ties: of two identical points the one earlier in the input ranks first, so ranks are a total,
/// deterministic function of the input order.
/// </summary>
public static class NonDominatedSorting
{
    /// <summary>Front index (0 = non-dominated) of each point.</summary>
    public static int[] Ranks(IReadOnlyList<Metric> metrics, IReadOnlyList<double[]> points)
    {
        int n = points.Count, m = metrics.Count;
        var min = points.Select(p => p.Select((v, j) => metrics[j].Minimized(v)).ToArray()).ToArray();
        var dominatedBy = new int[n];
        var dominates = new List<int>[n];
        for (int i = 0; i < n; i++) dominates[i] = [];
        for (int i = 0; i < n; i++)
            for (int k = i + 1; k < n; k++)
            {
                int c = Compare(min[i], min[k], m);
                if (c < 0) { dominates[i].Add(k); dominatedBy[k]++; }
                else if (c > 0) { dominates[k].Add(i); dominatedBy[i]++; }
            }
        var rank = new int[n];
        var current = Enumerable.Range(0, n).Where(i => dominatedBy[i] == 0).ToList();
        int r = 0;
        while (current.Count > 0)
        {
            var next = new List<int>();
            foreach (var i in current)
            {
                rank[i] = r;
                foreach (var k in dominates[i])
                    if (--dominatedBy[k] == 0) next.Add(k);
            }
            current = next;
            r++;
        }
        return rank;
    }

    /// <summary>Crowding distance within each front (boundary points infinite), summed over metrics in order.</summary>
    public static double[] Crowding(IReadOnlyList<Metric> metrics, IReadOnlyList<double[]> points, int[] rank)
    {
        var crowd = new double[points.Count];
        foreach (var front in Enumerable.Range(0, points.Count).GroupBy(i => rank[i]))
        {
            var members = front.ToArray();
            for (int j = 0; j < metrics.Count; j++)
            {
                var sorted = members.OrderBy(i => points[i][j]).ThenBy(i => i).ToArray();
                double span = points[sorted[^1]][j] - points[sorted[0]][j];
                crowd[sorted[0]] = crowd[sorted[^1]] = double.PositiveInfinity;
                if (span <= 0) continue;
                for (int k = 1; k < sorted.Length - 1; k++)
                    crowd[sorted[k]] += (points[sorted[k + 1]][j] - points[sorted[k - 1]][j]) / span;
            }
        }
        return crowd;
    }

    // -1: a dominates b (or equals it; the earlier wins), 1: b dominates a, 0: neither.
    private static int Compare(double[] a, double[] b, int m)
    {
        bool aBetter = false, bBetter = false;
        for (int j = 0; j < m; j++)
        {
            if (a[j] < b[j]) aBetter = true;
            else if (a[j] > b[j]) bBetter = true;
        }
        if (aBetter && !bBetter) return -1;
        if (bBetter && !aBetter) return 1;
        return aBetter ? 0 : -1;
    }
}

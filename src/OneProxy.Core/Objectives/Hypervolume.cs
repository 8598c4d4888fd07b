namespace OneProxy.Search;

/// <summary>
/// The volume that a set of points dominates inside the box bounded by a reference point (the
/// worst value of each metric that still counts; points not strictly better than the reference
/// in every metric add nothing). Two metrics use the exact sweep; more use exact recursive
/// slicing over the front (HSO: fine for fronts of hundreds of points and up to ~5 metrics).
/// </summary>
public static class Hypervolume
{
    public static double Compute(IReadOnlyList<Metric> metrics, IReadOnlyList<double[]> points, IReadOnlyList<double> reference)
    {
        if (reference.Count != metrics.Count) throw new ArgumentException($"reference has {reference.Count} values for {metrics.Count} metrics");
        int m = metrics.Count;
        var refMin = metrics.Select((x, j) => x.Minimized(reference[j])).ToArray();
        var inside = new List<double[]>();
        foreach (var i in ParetoSet.NonDominated(metrics, points))
        {
            var p = metrics.Select((x, j) => x.Minimized(points[i][j])).ToArray();
            bool counts = true;
            for (int j = 0; j < m; j++) if (!(p[j] < refMin[j])) { counts = false; break; }
            if (counts) inside.Add(p);
        }
        return Slice(inside, refMin, m);
    }

    /// <summary>HV(set) / HV(reference front), both against the reference front's own worst values (the ratio used throughout the docs).</summary>
    public static double Ratio(IReadOnlyList<Metric> metrics, IReadOnlyList<double[]> set, IReadOnlyList<double[]> oracleFront)
    {
        if (oracleFront.Count == 0) throw new ArgumentException("the oracle front is empty");
        var reference = new double[metrics.Count];
        for (int j = 0; j < metrics.Count; j++)
            reference[j] = metrics[j].Direction == MetricDirection.Minimize ? oracleFront.Max(p => p[j]) : oracleFront.Min(p => p[j]);
        double oracle = Compute(metrics, oracleFront, reference);
        if (oracle <= 0) throw new ArgumentException("the oracle front has zero hypervolume (a single point?)");
        return Compute(metrics, set, reference) / oracle;
    }

    // Points are minimised and strictly inside the box; dims is how many leading coordinates count.
    private static double Slice(List<double[]> pts, double[] refMin, int dims)
    {
        if (pts.Count == 0) return 0;
        if (dims == 1) return refMin[0] - pts.Min(p => p[0]);
        if (dims == 2)
        {
            var sorted = pts.OrderBy(p => p[0]).ThenBy(p => p[1]).ToList();
            double area = 0, prev = refMin[1];
            foreach (var p in sorted)
                if (p[1] < prev) { area += (refMin[0] - p[0]) * (prev - p[1]); prev = p[1]; }
            return area;
        }
        int last = dims - 1;
        var byLast = pts.OrderBy(p => p[last]).ToList();
        double volume = 0;
        for (int i = 0; i < byLast.Count; i++)
        {
            double top = i + 1 < byLast.Count ? byLast[i + 1][last] : refMin[last];
            double depth = top - byLast[i][last];
            if (depth <= 0) continue;
            volume += depth * Slice(byLast.GetRange(0, i + 1), refMin, last);
        }
        return volume;
    }
}

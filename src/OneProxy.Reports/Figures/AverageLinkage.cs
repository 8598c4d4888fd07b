namespace OneProxy.Reports.Figures;

/// <summary>
/// Leaf order of an average-linkage (UPGMA) hierarchical clustering, used to put similar devices
/// next to each other in a heatmap. Deterministic: the closest pair of clusters merges first, ties go
/// to the pair with the smaller first members, and a merge lists the cluster holding the smaller
/// original index first. O(n³) on n items, fine for the tens to a few hundred devices a heatmap shows.
/// </summary>
public static class AverageLinkage
{
    /// <summary>The leaf order for a symmetric distance matrix (NaN distances count as <paramref name="missing"/>).</summary>
    public static int[] Order(double[,] distance, double missing = 1.0)
    {
        ArgumentNullException.ThrowIfNull(distance);
        int n = distance.GetLength(0);
        if (distance.GetLength(1) != n) throw new ArgumentException($"distance matrix must be square, got {n} x {distance.GetLength(1)}");
        var clusters = Enumerable.Range(0, n).Select(i => new List<int> { i }).ToList();
        double D(int a, int b) => double.IsNaN(distance[a, b]) ? missing : distance[a, b];
        // Average linkage: mean of the leaf-to-leaf distances, recomputed from the leaves so no update rule can drift.
        double Link(List<int> a, List<int> b)
        {
            double sum = 0;
            foreach (int i in a) foreach (int j in b) sum += D(i, j);
            return sum / (a.Count * b.Count);
        }
        while (clusters.Count > 1)
        {
            int bestA = 0, bestB = 1;
            double best = double.PositiveInfinity;
            for (int a = 0; a < clusters.Count; a++)
                for (int b = a + 1; b < clusters.Count; b++)
                {
                    double d = Link(clusters[a], clusters[b]);
                    if (d < best - 1e-12) { best = d; bestA = a; bestB = b; }
                }
            var (first, second) = clusters[bestA].Min() < clusters[bestB].Min() ? (clusters[bestA], clusters[bestB]) : (clusters[bestB], clusters[bestA]);
            var merged = new List<int>(first.Count + second.Count);
            merged.AddRange(first);
            merged.AddRange(second);
            clusters[bestA] = merged;
            clusters.RemoveAt(bestB);
        }
        return clusters.Count == 0 ? [] : [.. clusters[0]];
    }
}

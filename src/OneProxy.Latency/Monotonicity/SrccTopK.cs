namespace OneProxy.Monotonicity;

/// <summary>One partner of a device: its column, the SRCC and the architectures both measured.</summary>
public sealed record SrccPartner(int Device, string Name, double Srcc, int Pairs);

/// <summary>
/// What proxy selection needs about one device without the dense matrix: its k most monotone
/// partners, how many devices reach the threshold with it, and the mean and minimum SRCC over
/// all others (NaN pairs skipped), the same summaries <see cref="ProxySelector.Rank"/> reports.
/// </summary>
public sealed record DevicePartners(string Device, IReadOnlyList<SrccPartner> Top, int MonotoneCount, double MeanSrcc, double MinSrcc);

/// <summary>
/// Per-device top-k partners for thousands of devices in O(devices x k) memory: the SRCC matrix
/// is produced one panel of <see cref="SrccMatrix.PanelRows"/> devices at a time (the same rank
/// transform, SIMD product and pairwise-complete path as <see cref="SrccMatrix"/>, so the values
/// are the same bits) and each panel is summarised, then dropped. It computes both triangles,
/// twice the arithmetic of the dense matrix, to hold only one panel.
/// </summary>
public static class SrccTopK
{
    public static IReadOnlyList<DevicePartners> Compute(IReadOnlyList<string> names, int rows, ColumnSource source, int k,
        double threshold = ProxySelector.DefaultThreshold, int threads = -1, CancellationToken cancel = default)
    {
        if (k < 1) throw new InvalidOptionException("top", $"must be at least 1 (got {k})");
        if (double.IsNaN(threshold) || threshold is < -1 or > 1)
            throw new InvalidOptionException("threshold", $"must be in [-1, 1] (got {threshold})");
        return FromPanel(names, CentredRankPanel.Build(names.Count, rows, source, threads, cancel), k, threshold, threads, cancel);
    }

    /// <summary>The partners from columns already ranked (benchmarks time the two steps apart).</summary>
    public static IReadOnlyList<DevicePartners> FromPanel(IReadOnlyList<string> names, CentredRankPanel panel, int k,
        double threshold = ProxySelector.DefaultThreshold, int threads = -1, CancellationToken cancel = default)
    {
        int d = names.Count, rows = panel.Rows;
        if (panel.Columns != d) throw new ArgumentException($"{d} names for a panel of {panel.Columns} columns");
        if (k < 1) throw new InvalidOptionException("top", $"must be at least 1 (got {k})");
        int padded = panel.PaddedColumns;
        int panelRows = Math.Min(padded, SrccMatrix.PanelRows);
        var products = new double[(long)panelRows * padded];
        var result = new DevicePartners[d];
        var options = new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = cancel };
        for (int r0 = 0; r0 < padded; r0 += panelRows)
        {
            int r1 = Math.Min(padded, r0 + panelRows);
            panel.Products(r0, r1, 0, padded, upperOnly: false, products, padded, threads, cancel);
            Parallel.For(r0, Math.Min(r1, d), options, () => (double[]?)null, (i, loop, scratch) =>
            {
                // Min-heap of the k best so far; priority (srcc, -index) so equal SRCCs keep the lower index.
                var heap = new PriorityQueue<SrccPartner, (double, int)>(k + 1);
                int monotone = 0, counted = 0;
                double sum = 0, min = double.PositiveInfinity;
                for (int j = 0; j < d; j++)
                {
                    if (j == i) continue;
                    double v; int count;
                    if (panel.Complete[i] && panel.Complete[j]) { v = panel.FromDot(i, j, products[(long)(i - r0) * padded + j]); count = rows; }
                    else (v, count) = panel.PairwiseComplete(i, j, scratch ??= new double[2 * rows]);
                    if (v >= threshold) monotone++;
                    if (double.IsNaN(v)) continue;
                    sum += v; counted++; min = Math.Min(min, v);
                    if (heap.Count == k && heap.TryPeek(out _, out var worst) && (v, -j).CompareTo(worst) <= 0) continue;
                    heap.Enqueue(new SrccPartner(j, names[j], v, count), (v, -j));
                    if (heap.Count > k) heap.Dequeue();
                }
                var top = new SrccPartner[heap.Count];
                for (int t = top.Length - 1; t >= 0; t--) top[t] = heap.Dequeue();
                result[i] = new DevicePartners(names[i], top, monotone,
                    counted > 0 ? sum / counted : double.NaN, counted > 0 ? min : double.NaN);
                return scratch;
            }, _ => { });
        }
        return result;
    }
}

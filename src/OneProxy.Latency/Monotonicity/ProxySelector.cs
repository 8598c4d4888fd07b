using OneProxy.Data;

namespace OneProxy.Monotonicity;

/// <summary>
/// Proxy selection (Section 3.5.3): the device that is monotone (SRCC >= threshold) with the
/// most other devices; ties broken by mean SRCC with the others, then by name, so the choice is
/// deterministic.
/// </summary>
public static class ProxySelector
{
    public const double DefaultThreshold = 0.9;

    /// <summary>Every device ranked, best proxy first.</summary>
    public static IReadOnlyList<ProxyCandidate> Rank(SrccMatrix matrix, double threshold = DefaultThreshold)
    {
        if (double.IsNaN(threshold) || threshold is < -1 or > 1)
            throw new InvalidOptionException("threshold", $"must be in [-1, 1] (got {threshold})");
        int d = matrix.Devices.Count;
        if (d < 2) throw new UnusableDataException($"need at least 2 devices to choose a proxy, got {d}");
        var result = new List<ProxyCandidate>(d);
        for (int i = 0; i < d; i++)
        {
            var others = Enumerable.Range(0, d).Where(j => j != i).ToArray();
            var monotone = others.Where(j => matrix[i, j] >= threshold).Select(j => matrix.Devices[j]).ToArray();
            var vals = others.Select(j => matrix[i, j]).Where(v => !double.IsNaN(v)).ToArray();
            result.Add(new ProxyCandidate(matrix.Devices[i], monotone.Length,
                vals.Length > 0 ? vals.Average() : double.NaN, vals.Length > 0 ? vals.Min() : double.NaN, monotone));
        }
        return result
            .OrderByDescending(c => c.MonotoneCount)
            .ThenByDescending(c => double.IsNaN(c.MeanSrcc) ? double.NegativeInfinity : c.MeanSrcc)
            .ThenBy(c => c.Device, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// Selection as a practitioner can afford it: measure <paramref name="sampleSize"/> random
    /// architectures (measured on every device) and rank proxies on that sample only.
    /// Returns the sampled rows so they can be reported.
    /// </summary>
    public static (IReadOnlyList<ProxyCandidate> Ranking, IReadOnlyList<int> SampledRows) RankFromSample(
        WideTable table, int sampleSize, Random rng, double threshold = DefaultThreshold)
    {
        var rows = SampleCompleteRows(table, sampleSize, rng);
        return (Rank(SrccMatrix.Compute(table, rows), threshold), rows);
    }

    /// <summary><paramref name="sampleSize"/> distinct rows measured on every column, drawn uniformly, in row order.</summary>
    public static int[] SampleCompleteRows(WideTable table, int sampleSize, Random rng)
    {
        var complete = Enumerable.Range(0, table.RowCount)
            .Where(r => Enumerable.Range(0, table.ColumnNames.Count).All(c => !double.IsNaN(table.Column(c)[r])))
            .ToArray();
        if (sampleSize < 3 || sampleSize > complete.Length)
            throw new InvalidOptionException("sample",
                $"sample size {sampleSize} must be in [3, {complete.Length}] (architectures measured on every device)");
        SrccEstimator.PartialShuffle(complete, sampleSize, rng);
        return complete.Take(sampleSize).OrderBy(r => r).ToArray();
    }
}

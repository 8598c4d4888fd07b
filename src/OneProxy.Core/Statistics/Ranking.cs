namespace OneProxy.Monotonicity;

/// <summary>Rank transforms. Ties get the average of the ranks they span (Spearman's definition).</summary>
public static class Ranking
{
    /// <summary>
    /// 1-based average ranks of <paramref name="values"/>. Throws on NaN: callers decide how
    /// missing values are handled (see <see cref="Spearman.PairwiseComplete"/>).
    /// </summary>
    public static double[] AverageRanks(ReadOnlySpan<double> values)
    {
        int n = values.Length;
        var keys = values.ToArray();
        for (int i = 0; i < n; i++)
            if (double.IsNaN(keys[i])) throw new ArgumentException($"value {i} is NaN; remove missing values before ranking", nameof(values));
        var order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Array.Sort(keys, order);
        var ranks = new double[n];
        int start = 0;
        while (start < n)
        {
            int end = start + 1;
            while (end < n && keys[end] == keys[start]) end++;
            double avg = (start + end + 1) / 2.0; // mean of 1-based ranks start+1 .. end
            for (int k = start; k < end; k++) ranks[order[k]] = avg;
            start = end;
        }
        return ranks;
    }

    /// <summary>
    /// Average ranks written into <paramref name="ranks"/> without allocating: the caller lends
    /// <paramref name="keys"/> and <paramref name="order"/> (at least values.Length long), which
    /// come back sorted (keys ascending, order the matching row indices). NaN must not occur.
    /// </summary>
    public static void AverageRanksInto(ReadOnlySpan<double> values, Span<double> ranks, Span<double> keys, Span<int> order)
    {
        int n = values.Length;
        if (ranks.Length < n || keys.Length < n || order.Length < n)
            throw new ArgumentException($"buffers ({ranks.Length}, {keys.Length}, {order.Length}) are shorter than the {n} values");
        values.CopyTo(keys);
        for (int i = 0; i < n; i++) order[i] = i;
        keys[..n].Sort(order[..n]);
        int start = 0;
        while (start < n)
        {
            int end = start + 1;
            while (end < n && keys[end] == keys[start]) end++;
            double avg = (start + end + 1) / 2.0;
            for (int k = start; k < end; k++) ranks[order[k]] = avg;
            start = end;
        }
    }
}

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
}

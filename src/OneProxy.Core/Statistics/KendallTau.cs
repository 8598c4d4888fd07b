namespace OneProxy.Monotonicity;

/// <summary>
/// Kendall's tau-b (tie-corrected), computed in O(n log n) with Knight's merge-sort algorithm.
/// Fewer than 2 pairs, or an input that is entirely tied, give <see cref="double.NaN"/>; NaN inputs throw.
/// </summary>
public static class KendallTau
{
    public static double TauB(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        if (x.Length != y.Length)
            throw new ArgumentException($"inputs differ in length: {x.Length} vs {y.Length}");
        int n = x.Length;
        if (n < 2) return double.NaN;
        for (int i = 0; i < n; i++)
            if (double.IsNaN(x[i]) || double.IsNaN(y[i])) throw new ArgumentException($"pair {i} has a NaN");
        var xs = x.ToArray();
        var ys = y.ToArray();
        var order = Enumerable.Range(0, n).ToArray();
        Array.Sort(order, (a, b) => xs[a] != xs[b] ? xs[a].CompareTo(xs[b]) : ys[a].CompareTo(ys[b]));

        long tiesX = 0, tiesXY = 0;
        for (int i = 0, j; i < n; i = j)
        {
            j = i + 1;
            while (j < n && xs[order[j]] == xs[order[i]]) j++;
            tiesX += Pairs(j - i);
            for (int a = i, b; a < j; a = b)
            {
                b = a + 1;
                while (b < j && ys[order[b]] == ys[order[a]]) b++;
                tiesXY += Pairs(b - a);
            }
        }

        // Sorting by y (stable merge sort) counts the discordant pairs as swaps.
        var yOrdered = order.Select(i => ys[i]).ToArray();
        long swaps = MergeSortCountSwaps(yOrdered, new double[n], 0, n);

        long tiesY = 0;
        for (int i = 0, j; i < n; i = j)
        {
            j = i + 1;
            while (j < n && yOrdered[j] == yOrdered[i]) j++;
            tiesY += Pairs(j - i);
        }

        long total = Pairs(n);
        double numerator = total - tiesX - tiesY + tiesXY - 2.0 * swaps;
        double denominator = Math.Sqrt((double)(total - tiesX) * (total - tiesY));
        return denominator == 0 ? double.NaN : Math.Clamp(numerator / denominator, -1.0, 1.0);
    }

    private static long Pairs(long t) => t * (t - 1) / 2;

    private static long MergeSortCountSwaps(double[] a, double[] buffer, int lo, int hi)
    {
        if (hi - lo < 2) return 0;
        int mid = (lo + hi) / 2;
        long swaps = MergeSortCountSwaps(a, buffer, lo, mid) + MergeSortCountSwaps(a, buffer, mid, hi);
        int i = lo, j = mid, k = lo;
        while (i < mid && j < hi)
        {
            if (a[j] < a[i]) { buffer[k++] = a[j++]; swaps += mid - i; }
            else buffer[k++] = a[i++];
        }
        while (i < mid) buffer[k++] = a[i++];
        while (j < hi) buffer[k++] = a[j++];
        Array.Copy(buffer, lo, a, lo, hi - lo);
        return swaps;
    }
}

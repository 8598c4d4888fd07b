namespace OneProxy.Monotonicity;

/// <summary>
/// Spearman's rank correlation (SRCC): Pearson's correlation of average ranks, so ties are
/// handled exactly as scipy.stats.spearmanr does.
/// Documented edge cases: fewer than 2 pairs, or a constant input (zero rank variance),
/// give <see cref="double.NaN"/>; NaN inputs throw unless <see cref="PairwiseComplete"/> is used.
/// </summary>
public static class Spearman
{
    public static double Correlation(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        if (x.Length != y.Length)
            throw new ArgumentException($"inputs differ in length: {x.Length} vs {y.Length}");
        if (x.Length < 2) return double.NaN;
        return Pearson(Ranking.AverageRanks(x), Ranking.AverageRanks(y));
    }

    /// <summary>SRCC over the pairs where neither value is NaN (missing); the number used is returned too.</summary>
    public static (double Srcc, int Pairs) PairwiseComplete(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        if (x.Length != y.Length)
            throw new ArgumentException($"inputs differ in length: {x.Length} vs {y.Length}");
        var xs = new List<double>(x.Length);
        var ys = new List<double>(y.Length);
        for (int i = 0; i < x.Length; i++)
            if (!double.IsNaN(x[i]) && !double.IsNaN(y[i])) { xs.Add(x[i]); ys.Add(y[i]); }
        return (Correlation(xs.ToArray(), ys.ToArray()), xs.Count);
    }

    /// <summary>Pearson's correlation; NaN for fewer than 2 points or zero variance.</summary>
    public static double Pearson(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        if (x.Length != y.Length)
            throw new ArgumentException($"inputs differ in length: {x.Length} vs {y.Length}");
        int n = x.Length;
        if (n < 2) return double.NaN;
        double mx = 0, my = 0;
        for (int i = 0; i < n; i++) { mx += x[i]; my += y[i]; }
        mx /= n; my /= n;
        double sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < n; i++)
        {
            double dx = x[i] - mx, dy = y[i] - my;
            sxy += dx * dy; sxx += dx * dx; syy += dy * dy;
        }
        if (sxx == 0 || syy == 0) return double.NaN;
        return Math.Clamp(sxy / Math.Sqrt(sxx * syy), -1.0, 1.0);
    }
}

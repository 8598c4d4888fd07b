using OneProxy.Monotonicity;

namespace OneProxy.Tests.Monotonicity;

public class SpearmanTests
{
    // Golden values from scipy 1.10.1 (Debian python3-scipy): stats.spearmanr(x, y).correlation.
    private static readonly double[] X1 = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9];
    private static readonly double[] Y1 = [2, 7, 1, 8, 2, 8, 1, 8, 2, 8, 4, 5, 9, 0, 4];

    [Fact]
    public void MatchesScipyOnTiedData()
    {
        Assert.Equal(0.17916174391114706, Spearman.Correlation(X1, Y1), 12);
        Assert.Equal(0.6572670690061994, Spearman.Correlation([1, 1, 1, 2, 2, 3], [1, 2, 3, 3, 3, 3]), 12);
    }

    [Fact]
    public void MatchesScipyOnLargerRoundedData()
    {
        Assert.Equal(0.6999341269794598, Spearman.Correlation(GoldenData.A200, GoldenData.B200), 12);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void EqualsIndependentQuadraticComputation(int seed)
    {
        var rng = new Random(seed);
        var x = Enumerable.Range(0, 300).Select(_ => (double)rng.Next(20)).ToArray();
        var y = x.Select(v => Math.Round(v + rng.NextDouble() * 10)).ToArray();
        Assert.Equal(Reference.Spearman(x, y), Spearman.Correlation(x, y), 12);
    }

    [Fact]
    public void AverageRanksSplitTies()
    {
        Assert.Equal([2.5, 1, 2.5, 4], Ranking.AverageRanks([5, 1, 5, 7]));
    }

    [Fact]
    public void DocumentedEdgeCases()
    {
        Assert.True(double.IsNaN(Spearman.Correlation([1.0], [2.0])), "n < 2 gives NaN");
        Assert.True(double.IsNaN(Spearman.Correlation([1, 1, 1], [1, 2, 3])), "constant input gives NaN");
        var e = Assert.Throws<ArgumentException>(() => Spearman.Correlation([1, 2, 3], [1, 2]));
        Assert.Contains("3 vs 2", e.Message);
        Assert.Throws<ArgumentException>(() => Spearman.Correlation([1, double.NaN, 3], [1, 2, 3]));
    }

    [Fact]
    public void PairwiseCompleteDropsMissingPairsOnly()
    {
        var (srcc, pairs) = Spearman.PairwiseComplete([1, 2, double.NaN, 4, 5], [2, 1, 9, 4, 3]);
        Assert.Equal(4, pairs);
        Assert.Equal(Spearman.Correlation([1, 2, 4, 5], [2, 1, 4, 3]), srcc, 15);
    }
}

/// <summary>Independent, deliberately naive computations to check the fast ones against.</summary>
internal static class Reference
{
    /// <summary>Average rank by counting: 1 + #smaller + (#equal - 1) / 2.</summary>
    public static double[] Ranks(double[] v) =>
        v.Select(a => 1 + v.Count(b => b < a) + (v.Count(b => b == a) - 1) / 2.0).ToArray();

    public static double Spearman(double[] x, double[] y)
    {
        var rx = Ranks(x); var ry = Ranks(y);
        double mx = rx.Average(), my = ry.Average();
        double sxy = rx.Zip(ry, (a, b) => (a - mx) * (b - my)).Sum();
        return sxy / Math.Sqrt(rx.Sum(a => (a - mx) * (a - mx)) * ry.Sum(b => (b - my) * (b - my)));
    }

    /// <summary>Kendall tau-b from all O(n^2) pairs.</summary>
    public static double KendallTauB(double[] x, double[] y)
    {
        long conc = 0, disc = 0, tx = 0, ty = 0;
        for (int i = 0; i < x.Length; i++)
            for (int j = i + 1; j < x.Length; j++)
            {
                int sx = Math.Sign(x[i] - x[j]), sy = Math.Sign(y[i] - y[j]);
                if (sx == 0 && sy == 0) continue;
                if (sx == 0) tx++;
                else if (sy == 0) ty++;
                else if (sx == sy) conc++;
                else disc++;
            }
        return (conc - disc) / Math.Sqrt((double)(conc + disc + tx) * (conc + disc + ty));
    }
}

using OneProxy.Monotonicity;

namespace OneProxy.Tests.Monotonicity;

public class KendallTauTests
{
    [Fact]
    public void MatchesScipyTauB()
    {
        // scipy 1.10.1: stats.kendalltau(x, y).correlation (tau-b)
        Assert.Equal(0.1570874410539306, KendallTau.TauB([3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9], [2, 7, 1, 8, 2, 8, 1, 8, 2, 8, 4, 5, 9, 0, 4]), 12);
        Assert.Equal(0.6030226891555273, KendallTau.TauB([1, 1, 1, 2, 2, 3], [1, 2, 3, 3, 3, 3]), 12);
        Assert.Equal(0.5609659833259306, KendallTau.TauB(GoldenData.A200, GoldenData.B200), 12);
    }

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    public void EqualsQuadraticPairCount(int seed)
    {
        var rng = new Random(seed);
        var x = Enumerable.Range(0, 400).Select(_ => (double)rng.Next(15)).ToArray();
        var y = x.Select(v => (double)rng.Next(15) + v).ToArray();
        Assert.Equal(Reference.KendallTauB(x, y), KendallTau.TauB(x, y), 12);
    }

    [Fact]
    public void PerfectAndReversedOrders()
    {
        Assert.Equal(1.0, KendallTau.TauB([1, 2, 3, 4], [10, 20, 30, 40]), 15);
        Assert.Equal(-1.0, KendallTau.TauB([1, 2, 3, 4], [4, 3, 2, 1]), 15);
        Assert.True(double.IsNaN(KendallTau.TauB([1, 1, 1], [1, 2, 3])));
    }
}

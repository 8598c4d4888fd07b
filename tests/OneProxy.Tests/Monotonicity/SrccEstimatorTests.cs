using OneProxy.Monotonicity;

namespace OneProxy.Tests.Monotonicity;

public class SrccEstimatorTests
{
    [SkippableFact]
    public void SameSeedSameEstimate()
    {
        TestData.RequireSharedDatasets();
        var t = TestData.NasBench201Latency;
        var a = SrccEstimator.Estimate(t.Column("pixel3"), t.Column("eyeriss"), 20, 50, new Random(3));
        var b = SrccEstimator.Estimate(t.Column("pixel3"), t.Column("eyeriss"), 20, 50, new Random(3));
        Assert.Equal(a, b);
    }

    [SkippableFact]
    public void ErrorShrinksWithMoreSamples()
    {
        TestData.RequireSharedDatasets();
        var t = TestData.NasBench201Latency;
        var x = t.Column("pixel3"); var y = t.Column("eyeriss");
        var small = SrccEstimator.Estimate(x, y, 10, 200, new Random(1));
        var large = SrccEstimator.Estimate(x, y, 200, 200, new Random(1));
        Assert.True(large.StdDev < small.StdDev / 2, $"std {large.StdDev} vs {small.StdDev}");
        Assert.True(large.MeanAbsoluteError < small.MeanAbsoluteError);
        Assert.InRange(large.Mean, 0.70, 0.75); // full-data SRCC is 0.7227
    }

    [Fact]
    public void SamplingEverythingGivesTheExactValue()
    {
        double[] x = [1, 5, 2, 8, 3, 3];
        double[] y = [2, 4, 1, 9, 3, 7];
        var e = SrccEstimator.Estimate(x, y, 6, 5, new Random(0));
        Assert.Equal(Spearman.Correlation(x, y), e.Mean, 12);
        Assert.Equal(0, e.StdDev, 12);
    }

    [Fact]
    public void RejectsImpossibleSampleSizes()
    {
        var e = Assert.Throws<InvalidOptionException>(() => SrccEstimator.Estimate([1, 2, 3], [1, 2, 3], 5, 1, new Random(0)));
        Assert.Contains("the 3 architectures measured on both", e.Message);
        Assert.Throws<InvalidOptionException>(() => SrccEstimator.Estimate([1, 2, 3], [1, 2, 3], 1, 1, new Random(0)));
    }
}

using OneProxy.Monotonicity;

namespace OneProxy.Tests.Monotonicity;

public class SrccMatrixTests
{
    [SkippableFact]
    public void ReproducesThePapersNasBench201Values()
    {
        TestData.RequireSharedDatasets();
        var m = SrccMatrix.Compute(TestData.NasBench201Latency);
        Assert.Equal(27, m.Devices.Count);
        Assert.Equal(0.9667, Math.Round(m["pixel3", "raspi4"], 4));
        Assert.Equal(0.7227, Math.Round(m["pixel3", "eyeriss"], 4));
        Assert.Equal(0.7611, Math.Round(m["pixel3", "pixel2"], 4));
        Assert.Equal(15625, m.PairCount(m.IndexOf("pixel3"), m.IndexOf("pixel2")));
    }

    [SkippableFact]
    public void TiedPhoneColumnsMatchScipy()
    {
        TestData.RequireSharedDatasets();
        // scipy 1.10.1 on the dataset's whole-millisecond (heavily tied) phone columns.
        var m = SrccMatrix.Compute(TestData.NasBench201Latency);
        Assert.Equal(0.7611279560409783, m["pixel3", "pixel2"], 10);
        Assert.Equal(0.8323184782109874, m["pixel2", "samsung_s7"], 10);
        var t = TestData.NasBench201Latency;
        Assert.Equal(0.5566621851398309, KendallTau.TauB(t.Column("pixel3"), t.Column("eyeriss")), 10);
        Assert.Equal(0.6782037483542951, KendallTau.TauB(t.Column("pixel2"), t.Column("samsung_s7")), 10);
    }

    [SkippableFact]
    public void EveryEntryEqualsThePairwiseDefinition()
    {
        TestData.RequireSharedDatasets();
        var t = TestData.FbNetLatency;
        var m = SrccMatrix.Compute(t);
        for (int i = 0; i < m.Devices.Count; i++)
        {
            Assert.Equal(1.0, m[i, i], 12);
            for (int j = 0; j < i; j += 5)
            {
                Assert.Equal(Spearman.Correlation(t.Column(i), t.Column(j)), m[i, j], 12);
                Assert.Equal(m[i, j], m[j, i]);
            }
        }
    }

    [Fact]
    public void ColumnsWithMissingValuesUsePairwiseCompleteRows()
    {
        double nan = double.NaN;
        double[][] cols = [[1, 2, 3, 4, 5], [1, 3, 2, nan, 5], [5, 4, 3, 2, 1]];
        var m = SrccMatrix.Compute(["a", "b", "c"], cols);
        Assert.Equal(4, m.PairCount(0, 1));
        Assert.Equal(5, m.PairCount(0, 2));
        Assert.Equal(Spearman.Correlation([1, 2, 3, 5], [1, 3, 2, 5]), m[0, 1], 15);
        Assert.Equal(-1.0, m[0, 2], 15);
    }
}

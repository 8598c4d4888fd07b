using OneProxy.Monotonicity;

namespace OneProxy.Tests.Monotonicity;

public class SrccTopKTests
{
    [SkippableFact]
    public void TopPartnersAndSummariesMatchTheDenseMatrix()
    {
        TestData.RequireSharedDatasets();
        var t = TestData.NasBench201Latency;
        var dense = SrccMatrix.Compute(t);
        var dense1 = ProxySelector.Rank(dense, 0.9).ToDictionary(c => c.Device);
        var partners = SrccTopK.Compute(t.ColumnNames, t.RowCount, c => t.Column(c), k: 3, threshold: 0.9);
        int d = t.ColumnNames.Count;
        for (int i = 0; i < d; i++)
        {
            var expected = Enumerable.Range(0, d).Where(j => j != i)
                .OrderByDescending(j => dense[i, j]).ThenBy(j => j).Take(3).ToArray();
            Assert.Equal(expected, partners[i].Top.Select(p => p.Device).ToArray());
            Assert.Equal(dense[i, expected[0]], partners[i].Top[0].Srcc); // same bits as the dense matrix
            var c = dense1[t.ColumnNames[i]];
            Assert.Equal(c.MonotoneCount, partners[i].MonotoneCount);
            Assert.Equal(c.MeanSrcc, partners[i].MeanSrcc, 12);
            Assert.Equal(c.MinSrcc, partners[i].MinSrcc);
        }
    }

    [Fact]
    public void MissingValuesUseThePairwiseCompleteCounts()
    {
        double nan = double.NaN;
        double[][] cols = [[1, 2, 3, 4, 5], [1, 3, 2, nan, 5], [5, 4, 3, 2, 1], [2, 1, 3, 5, 4]];
        var names = new[] { "a", "b", "c", "d" };
        var m = SrccMatrix.Compute(names, cols);
        var top = SrccTopK.Compute(names, 5, c => cols[c], k: 1, threshold: 0.5);
        int best = new[] { 1, 2, 3 }.OrderByDescending(j => m[0, j]).ThenBy(j => j).First();
        Assert.Equal(best, top[0].Top[0].Device);
        Assert.Equal(m[0, best], top[0].Top[0].Srcc);
        Assert.Equal(4, top[1].Top[0].Pairs); // b misses one row with everyone
        Assert.Equal(2, top[0].MonotoneCount); // a~b and a~d are 0.8, a~c is -1
        Assert.Equal(m.PairCount(0, 1), top[0].Top[0].Pairs);
        Assert.Throws<InvalidOptionException>(() => SrccTopK.Compute(names, 5, c => cols[c], k: 0));
    }
}

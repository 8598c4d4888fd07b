using OneProxy.Monotonicity;

namespace OneProxy.Tests.Monotonicity;

public class ProxySelectorTests
{
    private static SrccMatrix Matrix(string[] names, double[,] v) => new(names, v, new int[names.Length, names.Length]);

    [Fact]
    public void PicksTheDeviceMonotoneWithMostOthers()
    {
        var m = Matrix(["a", "b", "c", "d"], new double[,]
        {
            { 1, 0.95, 0.92, 0.5 },
            { 0.95, 1, 0.80, 0.91 },
            { 0.92, 0.80, 1, 0.6 },
            { 0.5, 0.91, 0.6, 1 },
        });
        var r = ProxySelector.Rank(m, 0.9);
        // a: b,c (2; mean .79); b: a,d (2; mean .8867) -> b wins the tie on mean SRCC.
        Assert.Equal("b", r[0].Device);
        Assert.Equal(["a", "d"], r[0].MonotoneWith);
        Assert.Equal("a", r[1].Device);
    }

    [Fact]
    public void ExactTiesAreBrokenByName()
    {
        var m = Matrix(["z", "y"], new double[,] { { 1, 0.95 }, { 0.95, 1 } });
        Assert.Equal("y", ProxySelector.Rank(m)[0].Device);
    }

    [SkippableFact]
    public void SampleBasedSelectionIsReproducibleAndAgreesWithFullData()
    {
        TestData.RequireSharedDatasets();
        var t = TestData.NasBench201Latency;
        var full = ProxySelector.Rank(SrccMatrix.Compute(t));
        var (a, rowsA) = ProxySelector.RankFromSample(t, 50, new Random(5));
        var (b, rowsB) = ProxySelector.RankFromSample(t, 50, new Random(5));
        Assert.Equal(rowsA, rowsB);
        Assert.Equal(a[0].Device, b[0].Device);
        // The sample's pick is among the full data's five best proxies.
        Assert.Contains(a[0].Device, full.Take(5).Select(c => c.Device));
    }
}

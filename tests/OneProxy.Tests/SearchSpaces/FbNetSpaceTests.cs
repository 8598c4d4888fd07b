using OneProxy.SearchSpaces;

namespace OneProxy.Tests.SearchSpaces;

public class FbNetSpaceTests
{
    private readonly FbNetSpace _space = new();

    [SkippableFact]
    public void EveryDatasetArchitectureParsesAndRoundTrips()
    {
        TestData.RequireSharedDatasets();
        var archs = TestData.FbNetLatency.RequireArchitectures();
        Assert.Equal(5000, archs.Count);
        Assert.All(archs.Take(100), a => Assert.Equal(a, _space.Parse(_space.Format(a))));
    }

    [Fact]
    public void RejectsWrongLengthAndUnknownChoice()
    {
        var ok = string.Join('-', Enumerable.Repeat("k3_e1", 22));
        Assert.Contains("expected 22 blocks", Assert.Throws<ArchitectureFormatException>(() => _space.Parse(ok + "-skip")).Message);
        Assert.Contains("block 3: unknown choice 'k7_e6'", Assert.Throws<ArchitectureFormatException>(
            () => _space.Parse(ok.Replace("k3_e1-k3_e1-k3_e1", "k3_e1-k3_e1-k7_e6"))).Message);
    }

    [Fact]
    public void EncodingAndCostsBehave()
    {
        var small = _space.Parse(string.Join('-', Enumerable.Repeat("skip", 22)));
        var big = _space.Parse(string.Join('-', Enumerable.Repeat("k5_e6", 22)));
        var f = new double[_space.FeatureCount];
        _space.Encode(big, f);
        Assert.Equal(199, f.Length);
        Assert.Equal(23, f.Sum());
        Assert.True(_space.Cost(big).MFlops > 5 * _space.Cost(small).MFlops);
        var grouped = _space.Parse(string.Join('-', Enumerable.Repeat("k3_e1_g2", 22)));
        var plain = _space.Parse(string.Join('-', Enumerable.Repeat("k3_e1", 22)));
        Assert.True(_space.Cost(grouped).MFlops < _space.Cost(plain).MFlops, "group convolution halves the 1x1 work");
    }
}

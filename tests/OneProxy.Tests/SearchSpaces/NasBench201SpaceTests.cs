using OneProxy.SearchSpaces;

namespace OneProxy.Tests.SearchSpaces;

public class NasBench201SpaceTests
{
    private readonly NasBench201Space _space = new();
    private const string Example = "|nor_conv_3x3~0|+|nor_conv_3x3~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|skip_connect~2|";

    [Fact]
    public void RoundTripsAndEnumeratesAllDistinctArchitectures()
    {
        Assert.Equal(Example, _space.Format(_space.Parse(Example)));
        var all = _space.Enumerate().ToList();
        Assert.Equal(15625, all.Count);
        Assert.Equal(15625, all.Distinct().Count());
        Assert.All(all.Take(200), a => Assert.Equal(a, _space.Parse(_space.Format(a))));
    }

    [SkippableFact]
    public void EveryDatasetArchitectureParses()
    {
        TestData.RequireSharedDatasets();
        Assert.Equal(15625, TestData.NasBench201Latency.RequireArchitectures().Distinct().Count());
    }

    [Theory]
    [InlineData("|conv_5x5~0|+|none~0|none~1|+|none~0|none~1|none~2|", "unknown operation 'conv_5x5'")]
    [InlineData("|none~0|+|none~0|none~1|", "expected 3 nodes")]
    [InlineData("|none~0|+|none~0|+|none~0|none~1|none~2|", "node 2 must have 2 input edge(s)")]
    [InlineData("|none~1|+|none~0|none~1|+|none~0|none~1|none~2|", "must come from node 0")]
    [InlineData("none~0|+|none~0|none~1|+|none~0|none~1|none~2|", "enclosed in '|'")]
    public void RejectsMalformedStringsWithReasons(string text, string reason)
    {
        var e = Assert.Throws<ArchitectureFormatException>(() => _space.Parse(text));
        Assert.Contains(reason, e.Message);
    }

    [Fact]
    public void EncodesOneHotPerEdgePlusBias()
    {
        var f = new double[_space.FeatureCount];
        _space.Encode(_space.Parse(Example), f);
        Assert.Equal(31, f.Length);
        Assert.Equal(7, f.Sum());
        Assert.Equal(1, f[0 * 5 + 3]); // edge 0: nor_conv_3x3
        Assert.Equal(1, f[2 * 5 + 4]); // edge 2: avg_pool_3x3
        Assert.Equal(1, f[30]);
    }

    [Fact]
    public void FlopsSpanNasBench201sPublishedRange()
    {
        // NAS-Bench-201 reports CIFAR-10 FLOPs from about 7.8M (all none) to about 220M (all 3x3 conv).
        var none = _space.Cost(_space.Parse("|none~0|+|none~0|none~1|+|none~0|none~1|none~2|"));
        var conv = _space.Cost(_space.Parse("|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|nor_conv_3x3~0|nor_conv_3x3~1|nor_conv_3x3~2|"));
        Assert.InRange(none.MFlops, 7.0, 8.5);
        Assert.InRange(conv.MFlops, 210, 230);
        Assert.InRange(conv.MParams, 1.50, 1.56); // published: 1.53 M
    }
}

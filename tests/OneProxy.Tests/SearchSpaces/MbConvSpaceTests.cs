using System.Numerics;
using OneProxy.SearchSpaces;

namespace OneProxy.Tests.SearchSpaces;

public class MbConvSpaceTests
{
    private static string Json(int blocks, int k, int e, int d, int? r = null) =>
        $"{{\"ks\":[{string.Join(',', Enumerable.Repeat(k, blocks))}],\"e\":[{string.Join(',', Enumerable.Repeat(e, blocks))}],\"d\":[{string.Join(',', Enumerable.Repeat(d, 5))}]" +
        (r is null ? "}" : $",\"r\":{r}}}");

    [Fact]
    public void MobileNetV2HasTwentyOneBlocksAndDropsShallowStageBlocks()
    {
        var s = new MobileNetV2Space();
        var a = s.Parse(Json(21, 7, 6, 2));
        var f = new double[s.FeatureCount];
        s.Encode(a, f);
        Assert.Equal(21 * 9 + 1, f.Length);
        Assert.Equal(5 * 2 + 1 + 1, f.Sum()); // 10 stage blocks + last block + bias
        Assert.False(s.IsActive(a, 2));
        Assert.True(s.IsActive(a, 20));
        // Dropped blocks are canonicalised, so the text of an unused block does not matter.
        var other = s.Parse(s.Format(a).Replace("\"ks\":[7,7,7", "\"ks\":[7,7,3"));
        Assert.Equal(a, other);
        Assert.Equal(a, s.Parse(s.Format(a)));
    }

    [Fact]
    public void MobileNetV2CostsGrowWithTheArchitecture()
    {
        var s = new MobileNetV2Space();
        var min = s.Cost(s.Parse(Json(21, 3, 3, 2)));
        var max = s.Cost(s.Parse(Json(21, 7, 6, 4)));
        Assert.InRange(min.MFlops, 150, 400);
        Assert.InRange(max.MFlops, 600, 1500);
        Assert.True(max.MParams > min.MParams);
    }

    [Theory]
    [InlineData("{\"ks\":[3],\"e\":[3],\"d\":[2,2,2,2,2]}", "'ks' must have 21 entries")]
    [InlineData("not json", "invalid JSON")]
    [InlineData("{\"ks\":[],\"e\":[],\"d\":[],\"w\":1}", "unknown key 'w'")]
    public void MobileNetV2RejectsMalformedJson(string text, string reason)
    {
        Assert.Contains(reason, Assert.Throws<ArchitectureFormatException>(() => new MobileNetV2Space().Parse(text)).Message);
    }

    [Fact]
    public void MobileNetV2RejectsBadValuesByPosition()
    {
        var s = new MobileNetV2Space();
        Assert.Contains("ks[0] = 4 is not one of 3/5/7", Assert.Throws<ArchitectureFormatException>(() => s.Parse(Json(21, 4, 3, 2))).Message);
        Assert.Contains("fixed at 224", Assert.Throws<ArchitectureFormatException>(() => s.Parse(Json(21, 3, 3, 2, 192))).Message);
    }

    [Fact]
    public void OfaMobileNetV3HandlesResolution()
    {
        var s = new OfaMobileNetV3Space();
        var a = s.Parse(Json(20, 5, 4, 3, 160));
        Assert.Equal(160, s.Resolution(a));
        Assert.Equal(a, s.Parse(s.Format(a)));
        Assert.Contains("missing 'r'", Assert.Throws<ArchitectureFormatException>(() => s.Parse(Json(20, 5, 4, 3))).Message);
        Assert.Contains("not in 128..224 step 4", Assert.Throws<ArchitectureFormatException>(() => s.Parse(Json(20, 5, 4, 3, 130))).Message);
        Assert.True(s.Cost(s.Parse(Json(20, 5, 4, 3, 224))).MFlops > 1.8 * s.Cost(a).MFlops);
        var f = new double[s.FeatureCount];
        s.Encode(a, f);
        Assert.Equal(Math.Pow(160 / 224.0, 2), f[s.FeatureCount - 2], 12);
    }

    [Fact]
    public void SizesCountDistinctNetworks()
    {
        BigInteger perStage = BigInteger.Pow(9, 2) + BigInteger.Pow(9, 3) + BigInteger.Pow(9, 4);
        Assert.Equal(BigInteger.Pow(perStage, 5) * 9, new MobileNetV2Space().Size);
        Assert.Equal(BigInteger.Pow(perStage, 5) * 25, new OfaMobileNetV3Space().Size);
    }
}

namespace OneProxy.Tests.Core;

public class GuardsTests
{
    [Theory]
    [InlineData("pixel3")]
    [InlineData("titan_rtx_256")]
    [InlineData("cpu-t1.v2")]
    public void OrdinaryDeviceNamesPass(string name) => Assert.Equal(name, SafeName.Check(name, "device"));

    [Theory]
    [InlineData("../../PWNED")]
    [InlineData("/etc/passwd")]
    [InlineData("a b")]
    [InlineData("a,b")]
    [InlineData(".hidden")]
    [InlineData("-rf")]
    [InlineData("x;rm -rf /")]
    [InlineData("tab\there")]
    [InlineData("")]
    public void HostileNamesAreRefusedNamingTheOption(string name)
    {
        var e = Assert.Throws<InvalidOptionException>(() => SafeName.Check(name, "device"));
        Assert.StartsWith("--device: ", e.Message);
        Assert.DoesNotContain('\t', e.Message);
    }

    [Fact]
    public void LongNamesAreQuotedShort()
    {
        var e = Assert.Throws<InvalidOptionException>(() => SafeName.Check(new string('x', 5_000_000), "device"));
        Assert.True(e.Message.Length < 300, $"message is {e.Message.Length} chars");
    }

    [Fact]
    public void FileInStaysInsideTheFolder()
    {
        var dir = Path.GetTempPath();
        Assert.Equal(Path.Combine(Path.GetFullPath(dir), "pixel3.json"), SafeName.FileIn(dir, "pixel3", ".json", "output-dir"));
        Assert.Throws<InvalidOptionException>(() => SafeName.FileIn(dir, "../x", ".json", "output-dir"));
    }

    [Fact]
    public void RequireNamesTheFlagAndTheValue()
    {
        var e = Assert.Throws<InvalidOptionException>(() => Require.InRange(0, 1, 10, "sample"));
        Assert.Equal("--sample: must be between 1 and 10 (got 0)", e.Message);
        Assert.Throws<InvalidOptionException>(() => Require.InRange(double.NaN, 0.0, 1.0, "threshold"));
        Assert.Throws<InvalidOptionException>(() => Require.Positive(double.PositiveInfinity, "timeout"));
    }
}

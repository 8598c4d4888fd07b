using OneProxy.Accelerators.Codesign;
using Xunit.Abstractions;

namespace OneProxy.Accelerators.Tests;

public class NetworkTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("nasbench301")]
    [InlineData("alphanet")]
    public void LayerMacsMatchTheDatasetCounts(string set)
    {
        var models = ModelSet.Load(set, 60);
        var ratios = models.Select(m => m.Layers.Sum(l => (double)l.Macs) / m.ReferenceMacs).ToArray();
        output.WriteLine($"{set}: MAC ratio min {ratios.Min():F4} max {ratios.Max():F4}");
        Assert.All(ratios, r => Assert.InRange(r, set == "alphanet" ? 0.98 : 0.99999, set == "alphanet" ? 1.0 : 1.00001));
    }
}

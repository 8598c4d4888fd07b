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

public class SpaceLayerTests
{
    [Theory]
    [InlineData("nasbench201")]
    [InlineData("fbnet")]
    [InlineData("mobilenetv2")]
    [InlineData("ofa-mbv3")]
    public void LayerMacsEqualTheSpaceCost(string name)
    {
        var space = OneProxy.SearchSpaces.SearchSpaceRegistry.Get(name);
        var rng = new Random(7);
        for (int i = 0; i < 30; i++)
        {
            var genes = space.GeneChoices.Select(c => rng.Next(c)).ToArray();
            var a = space.Canonicalize(genes);
            var layers = Layers.From(space, a);
            double macs = layers.Sum(l => (double)l.Macs) / 1e6;
            double expected = space.Cost(a).MFlops;
            if (name == "nasbench201")
            {
                // NAS-Bench-201's Cost also counts the average pools' additions, which are no conv layers.
                int pools = Enumerable.Range(0, 6).Count(e => OneProxy.SearchSpaces.NasBench201Space.Operations[a[e]] == "avg_pool_3x3");
                expected -= pools * 5 * 9 * (32.0 * 32 * 16 + 16 * 16 * 32 + 8 * 8 * 64) / 1e6;
            }
            Assert.Equal(expected, macs, 6);
            var c = CostModel.Shared.Evaluate(layers, new AcceleratorConfig(Dataflow.XP, 128, 500, 200));
            Assert.True(c.Cycles > 0 && c.EnergyNj > 0);
        }
    }
}

public class CodesignSpaceTests
{
    [Theory]
    [InlineData("nasbench301")]
    [InlineData("alphanet")]
    public void DatasetArchitecturesRoundTripAndCostMatchesTheLayerBuilders(string set)
    {
        OneProxy.SearchSpaces.AcceleratorSpaces.Register();
        var space = OneProxy.SearchSpaces.SearchSpaceRegistry.Get(set);
        var models = Codesign.ModelSet.Load(set, 40);
        var features = new double[space.FeatureCount];
        foreach (var m in models)
        {
            var a = space.Parse(m.Arch);
            Assert.Equal(m.Arch, space.Format(a));
            Assert.Equal(a, space.Canonicalize(a.Genes));
            space.Encode(a, features);
            Assert.Equal(1.0, features[^1]);
            Assert.Equal(m.Layers.Sum(l => (double)l.Macs) / 1e6, space.Cost(a).MFlops, 6);
        }
        Assert.Throws<OneProxy.SearchSpaces.ArchitectureFormatException>(() => space.Parse("{\"normal\": 3}"));
    }
}

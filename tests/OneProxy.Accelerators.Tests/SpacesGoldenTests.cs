using System.Globalization;
using OneProxy.Accelerators.Codesign;

namespace OneProxy.Accelerators.Tests;

/// <summary>
/// NAS-Bench-301 and AlphaNet networks (as OneProxy builds them) against MAESTRO's own totals for
/// the same layers (Golden/maestro_spaces.csv, made by Golden/make_spaces_golden.py).
/// </summary>
public class SpacesGoldenTests
{
    [Fact]
    public void NetworkTotalsMatchMaestro()
    {
        var rows = File.ReadLines(GoldenTests.GoldenPath("maestro_spaces.csv")).Skip(1).Select(l => l.Split(',')).ToList();
        var sets = new Dictionary<string, IReadOnlyList<ModelEntry>>
        {
            ["nasbench301"] = ModelSet.Load("nasbench301", 1001),
            ["alphanet"] = ModelSet.Load("alphanet", 1001),
        };
        var model = new CostModel();
        int compared = 0, rejected = 0;
        foreach (var f in rows)
        {
            var layers = sets[f[0]][int.Parse(f[1], CultureInfo.InvariantCulture)].Layers;
            var hw = new AcceleratorConfig(DataflowNames.Parse(f[2]), int.Parse(f[4], CultureInfo.InvariantCulture),
                int.Parse(f[5], CultureInfo.InvariantCulture), int.Parse(f[6], CultureInfo.InvariantCulture));
            if (f[11] != "ok")
            {
                Assert.NotNull(model.Rejection(layers[0], hw));
                rejected++;
                continue;
            }
            Assert.Equal(int.Parse(f[7], CultureInfo.InvariantCulture), layers.Count);
            var c = model.Evaluate(layers, hw);
            Assert.Equal(long.Parse(f[8], CultureInfo.InvariantCulture), c.Cycles);
            Assert.Equal(1.0, c.EnergyNj / double.Parse(f[9], CultureInfo.InvariantCulture), 4);
            compared++;
        }
        Assert.Equal(170, compared);
        Assert.Equal(10, rejected);
    }
}

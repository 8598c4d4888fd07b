using OneProxy.Accelerators.Validation;
using Xunit.Abstractions;

namespace OneProxy.Accelerators.Tests;

/// <summary>
/// The C# model against MAESTRO's own outputs (Golden/maestro_golden.csv.gz: 5 bundled networks x
/// 72 hardware points x 3 dataflows, made by Golden/make_golden.py with MAESTRO 4eb08d1).
/// </summary>
public class GoldenTests(ITestOutputHelper output)
{
    internal static string GoldenPath(string f) => Path.Combine(AppContext.BaseDirectory, "Golden", f);

    [Fact]
    public void MatchesMaestroPerDataflowNetworkAndLayer()
    {
        var rows = MaestroGolden.LoadResults(GoldenPath("maestro_golden.csv.gz"));
        var nets = MaestroGolden.LoadNetworks(GoldenPath("maestro_networks.csv"));
        var report = MaestroValidation.Run(rows, nets, new CostModel());
        Assert.Equal(0, report.RejectionMismatches);
        foreach (var d in report.Dataflows)
        {
            output.WriteLine($"{d.Dataflow}: hw {d.HardwarePoints}, rejected {d.Rejected}, net cycles {d.NetworkCycles}, net energy {d.NetworkEnergy}, layer cycles {d.LayerCycles}, layer energy {d.LayerEnergy}");
            Assert.True(d.HardwarePoints >= 50, $"{d.Dataflow}: only {d.HardwarePoints} valid hardware points");
            foreach (var a in new[] { d.NetworkCycles, d.NetworkEnergy, d.LayerCycles, d.LayerEnergy })
            {
                Assert.True(a.Srcc >= 0.99, $"{d.Dataflow}: SRCC {a.Srcc}");
                Assert.True(a.MedianRelativeError <= 0.05, $"{d.Dataflow}: median {a.MedianRelativeError}");
                Assert.True(a.WorstRelativeError <= 0.25, $"{d.Dataflow}: worst {a.WorstRelativeError}");
            }
            // Stronger than the bounds: cycles are exact, energy differs only by MAESTRO's 6-digit printing.
            Assert.Equal(0, d.NetworkCycles.WorstRelativeError);
            Assert.Equal(0, d.LayerCycles.WorstRelativeError);
            Assert.True(d.LayerEnergy.WorstRelativeError < 1e-5, $"{d.Dataflow}: energy {d.LayerEnergy.WorstRelativeError}");
        }
    }

    [Fact]
    public void KcpWithFewerThan64PesIsRejectedLikeMaestro()
    {
        var model = new CostModel();
        var layer = Layer.Conv(64, 64, 3, 3, 58, 58);
        var reason = model.Rejection(layer, new AcceleratorConfig(Dataflow.KcP, 32, 500, 250));
        Assert.NotNull(reason);
        Assert.Contains("64", reason);
        Assert.Throws<MappingRejectedException>(() => model.Evaluate([layer], new AcceleratorConfig(Dataflow.KcP, 16, 500, 250)));
        Assert.Null(model.Rejection(layer, new AcceleratorConfig(Dataflow.KcP, 64, 500, 250)));
    }

    [Fact]
    public void FirstLayerOfMobileNetV2MatchesMaestroExactly()
    {
        // MAESTRO, data/hw/accelerator_1.m (256 PEs, NoC 1000, off-chip 50), kcp_ws: 200705 cycles, 3651.79 nJ.
        var model = new CostModel();
        var c = model.Evaluate([new Layer(LayerKind.Conv, 32, 3, 1, 1, 224, 224, 2, 2)], new AcceleratorConfig(Dataflow.KcP, 256, 1000, 50));
        Assert.Equal(200705, c.Cycles);
        Assert.Equal(3651.79, c.EnergyNj, 0.01);
    }
}

using OneProxy.Aquaman.Environments;
using Xunit.Abstractions;

namespace OneProxy.Aquaman.Tests;

/// <summary>
/// Issue 15, hypothesis 3: can the network tell the arms of the synthetic RBF world apart from their model features
/// alone? It can only if no two arms share (nearly) the same scaled feature block; the QoE generator is a function of
/// the same features, so arms with close blocks also have close QoE (nothing to separate).
/// </summary>
public class FeatureSeparationTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(0)]
    [InlineData(100)]
    public void Synthetic_rbf_arms_have_distinct_model_feature_blocks(int seed)
    {
        var env = new KrrEnvironment(RidgeKernel.Rbf, 10, 200, seed);
        int d = env.DeviceFeatures.Count, arms = env.Models.Count;
        var blocks = Enumerable.Range(0, arms).Select(a => env.Contexts[0][a].AsSpan(d).ToArray()).ToArray();
        double closest = double.PositiveInfinity, qoeGapAtClosest = 0;
        for (int a = 0; a < arms; a++)
            for (int b = a + 1; b < arms; b++)
            {
                double dist = Math.Sqrt(blocks[a].Zip(blocks[b], (x, y) => (x - y) * (x - y)).Sum());
                if (dist >= closest) continue;
                closest = dist;
                qoeGapAtClosest = env.Devices.Average(dev => Math.Abs(dev.ExpectedQoe[a] - dev.ExpectedQoe[b]));
            }
        output.WriteLine($"seed {seed}: closest pair of the {arms} model blocks at distance {closest:0.000} (5 features in [0, 1]), mean |QoE gap| over devices {qoeGapAtClosest:0.0000}");
        Assert.True(closest > 0.05, $"two arms have model blocks only {closest:0.000} apart");
    }
}

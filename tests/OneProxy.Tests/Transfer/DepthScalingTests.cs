using OneProxy.Accuracy;
using OneProxy.Devices;
using OneProxy.Search;
using OneProxy.SearchSpaces;
using OneProxy.Transfer;

namespace OneProxy.Tests.Transfer;

public class DepthScalingTests
{
    private static readonly MobileNetV2Space Space = new();

    private static Architecture WithAllDepths(int depth, int seed = 1) =>
        Space.WithDepths(Space.Sample(new Random(seed)), Enumerable.Repeat(depth, 5).ToArray());

    private static int TotalDepth(Architecture a) => Enumerable.Range(0, 5).Sum(s => Space.Depth(a, s));

    [Fact]
    public void FamilyGrowsOrShrinksByUpToTwoBlocks()
    {
        var seed = WithAllDepths(3);
        var family = DepthScaling.Family(Space, seed);
        // 1 seed + each way 5 one-block variants and 10 two-block ones (pairs of stages; one stage
        // cannot move two blocks from depth 3 within {2,3,4}).
        Assert.Equal(31, family.Count);
        Assert.Equal(family.Count, family.Distinct().Count());
        Assert.Contains(seed, family);
        Assert.All(family, a => Assert.InRange(TotalDepth(a) - 15, -2, 2));
        Assert.Equal(13, TotalDepth(family[0]));
        Assert.Equal(17, TotalDepth(family[^1]));
    }

    [Fact]
    public void StagesAtTheirLimitsCannotMoveFurther()
    {
        Assert.Equal(1 + 5 + 15, DepthScaling.Family(Space, WithAllDepths(2)).Count);
        Assert.Equal(1 + 5 + 15, DepthScaling.Family(Space, WithAllDepths(4)).Count);
        Assert.Single(DepthScaling.Family(Space, WithAllDepths(3), maxChange: 0));
    }

    [Fact]
    public void AnAddedBlockCopiesTheStagesLastBlock()
    {
        var seed = WithAllDepths(2, seed: 4);
        var grown = Space.WithDepths(seed, [4, 2, 2, 2, 2]);
        Assert.Equal(Space.Kernel(seed, 1), Space.Kernel(grown, 2));
        Assert.Equal(Space.Kernel(seed, 1), Space.Kernel(grown, 3));
        Assert.Equal(Space.Expansion(seed, 1), Space.Expansion(grown, 3));
        Assert.Equal(seed, Space.WithDepths(grown, [2, 2, 2, 2, 2]));
        Assert.Throws<UnusableDataException>(() => Space.WithDepths(seed, [5, 2, 2, 2, 2]));
    }

    private sealed class FlopsDevice : ILatencyDevice
    {
        public string Name => "flops";
        public int Measurements { get; private set; }
        public double MeasureMs(Architecture a) { Measurements++; return Space.Cost(a).MFlops; }
    }

    private sealed class ParamsAccuracy : IAccuracySource
    {
        public string Name => "params";
        public double[] PredictAll(IReadOnlyList<Architecture> a) => a.Select(x => Space.Cost(x).MParams).ToArray();
    }

    [Fact]
    public void RunMeasuresTheFamilyOnceAndKeepsOnlyNonDominatedVariants()
    {
        var device = new FlopsDevice();
        var (front, spent) = DepthScaling.Run(Space, WithAllDepths(3), device, new ParamsAccuracy());
        Assert.Equal(31, spent);
        Assert.Equal(31, device.Measurements);
        Assert.NotEmpty(front);
        foreach (var a in front)
            Assert.DoesNotContain(front, b => b != a && b.LatencyMs <= a.LatencyMs && b.AccuracyPercent >= a.AccuracyPercent
                                                && (b.LatencyMs < a.LatencyMs || b.AccuracyPercent > a.AccuracyPercent));
    }
}

using OneProxy.Adaptation;
using OneProxy.Devices;
using OneProxy.Predictors;
using OneProxy.Search;
using OneProxy.SearchSpaces;
using OneProxy.Tests.Search;
using OneProxy.Transfer;

namespace OneProxy.Tests.Transfer;

public class TransferTests
{
    private static readonly NasBench201Space Space = new();

    [SkippableFact]
    public void PipelineSpendsAtMostTheBudgetAndBeatsTheProxySetOnAWeaklyMonotoneTarget()
    {
        TestData.RequireSharedDatasets();
        var t = TestData.NasBench201Latency;
        var acc = SearchTests.Cifar10;
        var chars = new CharacterisedDevices(Space, t);
        var proxy = chars.Predictor("pixel3");
        var all = new FeatureMatrix(Space, t.RequireArchitectures());
        var allAcc = acc.PredictAll(all.Architectures);
        var proxyFront = Pareto.Front(all.Architectures, proxy.PredictAll(all), allAcc);
        var adapter = new ProxyAdapter(Space, proxy, [chars.Predictor("gold_6240")]);
        var truth = t.Column("titan_rtx_1").ToArray();
        var oracle = Pareto.Front(all.Architectures, truth, allAcc);
        var pool = all.Architectures.ToArray();
        new Random(5).Shuffle(pool);

        var device = new RecordedDevice(t, "titan_rtx_1");
        var options = new TransferOptions { SampleSize = 20, Budget = 50 };
        var result = new TransferPipeline(Space, proxy, proxyFront, adapter, acc, options).Run(device, pool, new SeedStream(5));
        Assert.True(result.Adapted); // pixel3 vs titan_rtx_1: SRCC 0.58
        Assert.Equal(device.Measurements, result.TargetMeasurements);
        Assert.InRange(result.TargetMeasurements, 21, 50);
        Assert.All(result.Front, c => Assert.Equal(truth[IndexOf(all, c.Architecture)], c.LatencyMs)); // measured, not predicted

        var plain = new RecordedDevice(t, "titan_rtx_1");
        var proxyOnly = new TransferPipeline(Space, proxy, proxyFront, adapter, acc, options with { Adapt = false }).Run(plain, pool, new SeedStream(5));
        Assert.True(plain.Measurements <= 50);
        double adapted = Pareto.HypervolumeRatio(result.Front, oracle), reused = Pareto.HypervolumeRatio(proxyOnly.Front, oracle);
        Assert.True(adapted > reused + 0.02, $"adapted {adapted} vs proxy set {reused}");
        Assert.True(adapted > 0.99, $"adapted {adapted}");
    }

    private static int IndexOf(FeatureMatrix m, Architecture a)
    {
        for (int i = 0; i < m.Rows; i++) if (m.Architectures[i].Equals(a)) return i;
        return -1;
    }

    [SkippableFact]
    public void BisectionMeetsTheConstraintWithinLog2Measurements()
    {
        TestData.RequireSharedDatasets();
        var t = TestData.NasBench201Latency;
        var acc = SearchTests.Cifar10;
        var proxy = new CharacterisedDevices(Space, t).Predictor("pixel3");
        var scored = ExhaustiveSearch.ScoreAll(new ArchitectureScorer(Space, proxy, acc));
        var scale = ObjectiveScale.From(scored);
        var device = new RecordedDevice(t, "raspi4");
        var r = LatencyBisection.Run(tt => scored.MinBy(c => scale.Fitness(c, tt))!, device, maxLatencyMs: 30, toleranceMs: 1.5, granularity: 0.001);
        Assert.NotNull(r.Best);
        Assert.True(r.Best!.LatencyMs <= 31.5, $"latency {r.Best.LatencyMs}");
        Assert.InRange(r.TargetMeasurements, 1, 10); // ceil(log2(1001))
        Assert.Equal(device.Measurements, r.TargetMeasurements);
        Assert.Throws<InvalidOptionException>(() => LatencyBisection.Run(_ => scored[0], device, -1, 0));
    }

    [Fact]
    public void GreedyPickPrefersTheHypervolumeCorners()
    {
        var a = Enumerable.Range(0, 4).Select(i => new Architecture([i])).ToArray();
        var front = new[] { new Candidate(a[0], 1, 70), new Candidate(a[1], 2, 71), new Candidate(a[2], 3, 90), new Candidate(a[3], 4, 91) };
        var picked = TransferPipeline.ChooseToMeasure(front, new HashSet<Architecture>(), 1);
        Assert.Equal(a[2], Assert.Single(picked).Architecture);
        Assert.Equal(3, TransferPipeline.ChooseToMeasure(front, new HashSet<Architecture> { a[0] }, 5).Count);
    }
}

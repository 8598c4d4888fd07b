using OneProxy.Adaptation;
using OneProxy.Devices;
using OneProxy.Monotonicity;
using OneProxy.Predictors;
using OneProxy.SearchSpaces;

namespace OneProxy.Tests.Adaptation;

public class OpTypeAndIncrementalTests
{
    private static readonly NasBench201Space Space = new();

    [Fact]
    public void OperatorGroupsComeFromFeatureNames()
    {
        var g = OperatorGroups.Of(Space);
        Assert.Equal(["none", "skip_connect", "nor_conv_1x1", "nor_conv_3x3", "avg_pool_3x3"], g.Names);
        Assert.Equal(OperatorGroups.None, g.GroupOfFeature[^1]); // bias
        var arch = Space.Parse("|nor_conv_3x3~0|+|nor_conv_3x3~0|none~1|+|skip_connect~0|nor_conv_3x3~1|avg_pool_3x3~2|");
        var counts = g.Counts(new FeatureMatrix(Space, [arch]).Values);
        Assert.Equal([1.0, 1, 0, 3, 1], Enumerable.Range(0, 5).Select(k => counts[0, k]));
        Assert.Equal(9, OperatorGroups.Of(new FbNetSpace()).Count);
        Assert.Equal(OperatorGroups.None, OperatorGroups.Of(new OfaMobileNetV3Space()).GroupOfFeature[^2]); // resolution_scale
    }

    [SkippableFact]
    public void OpTypeCorrectionLearnsADeviceUnlikeTheProxyFromTenSamples()
    {
        TestData.RequireSharedDatasets();
        // Eyeriss ranks NAS-Bench-201 cells unlike pixel3 (SRCC 0.72), mostly by operator type:
        // ten measurements must lift the proxy well above where Eq. 3.3's 30 corrections get.
        var t = TestData.NasBench201Latency;
        var chars = new CharacterisedDevices(Space, t);
        var adapter = new ProxyAdapter(Space, chars.Predictor("pixel3"), []);
        var device = new RecordedDevice(t, "eyeriss");
        var pool = device.Measurable.ToArray();
        new Random(3).Shuffle(pool);
        var archs = pool[..10];
        var y = archs.Select(device.MeasureMs).ToArray();
        var x = new FeatureMatrix(Space, archs);
        var rest = new FeatureMatrix(Space, pool[10..]);
        var truth = pool[10..].Select(device.MeasureMs).ToArray(); // the recording's values; the count does not matter here
        double Srcc(AdaptationMethod m) => Spearman.Correlation(rest.Multiply(adapter.Adapt(x, y, "eyeriss", m).Predictor.Weights), truth);
        double proxy = Srcc(AdaptationMethod.Proxy), opType = Srcc(AdaptationMethod.ProxyOpType);
        Assert.True(proxy < 0.8, $"proxy SRCC {proxy}");
        Assert.True(opType > 0.95, $"proxy+optype SRCC {opType}");
    }

    [SkippableFact]
    public void IncrementalLoopStopsAtTheThresholdAndCountsEveryMeasurement()
    {
        TestData.RequireSharedDatasets();
        var t = TestData.NasBench201Latency;
        var chars = new CharacterisedDevices(Space, t);
        var adapter = new ProxyAdapter(Space, chars.Predictor("pixel3"), [chars.Predictor("titanx_256")]);
        var easy = new RecordedDevice(t, "titan_rtx_256");
        var pool = easy.Measurable.ToArray();
        new Random(0).Shuffle(pool);
        var run = IncrementalAdaptation.Run(adapter, Space, easy, pool, new IncrementalOptions { Threshold = 0.95, BatchSize = 5, Budget = 50, MinMeasurements = 10 });
        Assert.True(run.ReachedThreshold);
        Assert.Equal(10, run.TargetMeasurements);
        Assert.Equal(easy.Measurements, run.TargetMeasurements);
        Assert.Single(run.Rounds);

        // An unreachable threshold spends exactly the budget, in rounds of the batch size.
        var hard = new RecordedDevice(t, "pixel2");
        var capped = IncrementalAdaptation.Run(adapter, Space, hard, pool, new IncrementalOptions { Threshold = 1.0, BatchSize = 7, Budget = 30, MinMeasurements = 10 });
        Assert.False(capped.ReachedThreshold);
        Assert.Equal(30, hard.Measurements);
        Assert.Equal([10, 17, 24, 30], capped.Rounds.Select(r => r.Measurements));
    }

    [Fact]
    public void IncrementalOptionsRejectNonsense()
    {
        Assert.Throws<InvalidOptionException>(() => new IncrementalOptions { BatchSize = 0 }.Validate());
        Assert.Throws<InvalidOptionException>(() => new IncrementalOptions { Budget = 5, MinMeasurements = 10 }.Validate());
        Assert.Throws<InvalidOptionException>(() => new IncrementalOptions { Threshold = double.NaN }.Validate());
    }

    [Fact]
    public void RidgeOnlyPathSpansStrongToNegligibleShrinkage()
    {
        var rng = new Random(2);
        var x = new double[40, 3];
        var y = new double[40];
        for (int i = 0; i < 40; i++)
        {
            for (int j = 0; j < 3; j++) x[i, j] = rng.NextDouble();
            y[i] = 3 * x[i, 0] - 2 * x[i, 1] + x[i, 2];
        }
        var reg = new PenalizedRegression(x, y, Enumerable.Repeat(new Coefficient(Penalty.L2), 3).ToArray());
        var path = reg.Path(reg.LambdaPath(20, 1e-4));
        Assert.True(Math.Abs(path[0].Coefficients[0]) < 0.1, $"top of the path should shrink hard, got {path[0].Coefficients[0]}");
        Assert.Equal(3.0, path[^1].Coefficients[0], 1); // bottom: close to least squares
    }
}

using OneProxy.Application.L2o;
using OneProxy.Data;
using OneProxy.Energy.Gradient;
using OneProxy.Energy.LearnToOptimize;
using OneProxy.SearchSpaces;

namespace OneProxy.Energy.Tests;

/// <summary>
/// Learning to optimize on a SYNTHETIC problem (4 genes x 3 choices, accuracy and device-dependent
/// latency from fixed formulas) small enough to run in a second, plus gradient checks and the model file.
/// </summary>
public class LearnToOptimizeTests
{
    private static readonly OneHotLayout Layout = new([3, 3, 3, 3]);

    private static L2oPool AllDesigns()
    {
        var genes = new List<int[]>();
        for (int i = 0; i < 81; i++) genes.Add([i % 3, i / 3 % 3, i / 9 % 3, i / 27]);
        return new L2oPool(Layout, genes);
    }

    // Synthetic truth: choice c of gene g adds accuracy (c + 1) * (g + 1) and costs more the larger c,
    // with a device feature d0 that makes gene 0 and 1 expensive on one device and cheap on another.
    private static double TrueAccuracy(int[] x) => x.Select((c, g) => (c + 1.0) * (g + 1)).Sum();

    private static double TrueLatency(int[] x, double[] d) =>
        Math.Exp(0.3 * x.Select((c, g) => c * (1 + (g < 2 ? 1.5 * d[0] : -0.5 * d[0]) + 0.3 * d[1])).Sum());

    private static L2oDevice SyntheticDevice(string name, double a, double b) => new(name, DeviceKind.Measured, [a, b], [0]);

    private static (PerformanceModels, L2oPool, DeviceScan[]) RandomFrozenNetworks(int seed)
    {
        var rng = new Random(seed);
        var acc = PerformanceNetwork.Create("accuracy", Layout.FeatureCount, 0, [6], rng);
        var lat = PerformanceNetwork.Create("latency", Layout.FeatureCount, 2, [6], rng);
        var models = new PerformanceModels(acc, [lat]);
        var pool = AllDesigns();
        var accNorm = models.SetAccuracyScale(pool);
        var scans = new[] { SyntheticDevice("a", 0.3, -0.2), SyntheticDevice("b", -0.7, 0.5) }.Select(d => DeviceScan.Run(models, pool, accNorm, d)).ToArray();
        return (models, pool, scans);
    }

    [Theory]
    [InlineData(L2oMethod.Unsupervised)]
    [InlineData(L2oMethod.Supervised)]
    public void OptimizerGradientMatchesFiniteDifferences(L2oMethod method)
    {
        var (models, pool, scans) = RandomFrozenNetworks(3);
        var opt = OptimizerNetwork.Create(Layout, 2, 1, new LambdaRange(), [5], new Random(4));
        var samples = new[] { new L2oSample(0, [0.2]), new L2oSample(1, [1.7]), new L2oSample(0, [0.05]) };
        var training = new OptimizerTraining(opt, models, pool, scans, samples, new OptimizerTrainingOptions { Method = method, Temperature = 0.7 });
        int[] rows = [0, 1, 2];
        var grad = new double[opt.Network.ParameterCount];
        training.BatchLoss(rows, grad);
        var p = opt.Network.Parameters;
        const double h = 1e-6;
        for (int k = 0; k < p.Length; k++)
        {
            double keep = p[k];
            p[k] = keep + h;
            double up = training.BatchLoss(rows, new double[p.Length]);
            p[k] = keep - h;
            double down = training.BatchLoss(rows, new double[p.Length]);
            p[k] = keep;
            double fd = (up - down) / (2 * h);
            Assert.True(Math.Abs(fd - grad[k]) <= 1e-5 + 1e-4 * Math.Abs(fd), $"parameter {k}: analytic {grad[k]:G6}, finite difference {fd:G6}");
        }
    }

    [Fact]
    public void RelaxedObjectiveAtAVertexEqualsTheScan()
    {
        var (models, pool, scans) = RandomFrozenNetworks(5);
        var relaxed = new RelaxedObjective(models, 1);
        var dx = new double[Layout.FeatureCount];
        foreach (int i in new[] { 0, 17, 80 })
        {
            double f = relaxed.Evaluate(pool.Features.AsSpan(i * Layout.FeatureCount, Layout.FeatureCount), 1, [scans[1]], [0.6], dx);
            Assert.Equal(scans[1].Objective(i, [0.6]), f, 1e-9);
        }
    }

    [Theory]
    [InlineData(L2oMethod.Supervised, RelaxedInput.Soft)]
    [InlineData(L2oMethod.Unsupervised, RelaxedInput.Soft)]
    [InlineData(L2oMethod.Unsupervised, RelaxedInput.StraightThrough)]
    public void TrainedOptimizerBeatsARandomDesignOnHeldOutDevices(L2oMethod method, RelaxedInput relaxation)
    {
        var pool = AllDesigns();
        var rng = new Random(11);
        var all = Enumerable.Range(0, 14).Select(i => SyntheticDevice($"dev{i}", rng.NextDouble() * 2 - 1, rng.NextDouble() * 2 - 1)).ToArray();
        var train = all.Take(10).Select(d => new TrainingDevice(d, i => [TrueLatency(pool.Genes[i], d.Features)])).ToArray();
        var tests = all.Skip(10).Select(d => new EvaluationDevice(d, i => [TrueLatency(pool.Genes[i], d.Features)])).ToArray();
        var options = new L2oTrainingOptions
        {
            Iterations = 2, ExplorePerRound = 30, LambdasPerDevice = 24, SyntheticDevices = 5, PerformanceHidden = [16], OptimizerHidden = [32],
            PerformanceEpochs = 150, PerformanceBatch = 32, PerformanceLearningRate = 3e-3,
            Optimizer = new OptimizerTrainingOptions { Method = method, Relaxation = relaxation, Epochs = 60, BatchSize = 32, LearningRate = 3e-3 },
        };
        var r = L2oTrainer.Train(pool, i => TrueAccuracy(pool.Genes[i]), train, ["latency"], options, new SeedStream(7));
        var e = L2oEvaluator.Run(r.Models, r.Optimizer, pool, i => TrueAccuracy(pool.Genes[i]), train.Select(t => t.Device).ToArray(), tests, 12, [50], new Random(3));
        double gap = e.Cases.Select(c => c.Gap).Average(), random = e.Cases.Select(c => c.RandomGap).Average();
        Assert.True(gap < 0.5 * random, $"mean gap {gap:P1} should be well below a random design's {random:P1}");
        Assert.All(e.Timings, t => Assert.True(t.DesignMicroseconds < 1000, $"{t.Device}: {t.DesignMicroseconds} us per design"));
        Assert.Equal(2, r.Rounds.Count);
        Assert.True(r.Rounds[1].Measured > r.Rounds[0].Measured);
    }

    [Fact]
    public void ModelFileRoundTripKeepsEveryNetworkAndDesign()
    {
        var space = SearchSpaceRegistry.Get("nasbench201");
        var layout = GradientSearchUseCase.Layout(space);
        var rng = new Random(2);
        var models = new PerformanceModels(PerformanceNetwork.Create("accuracy", layout.FeatureCount, 0, [8], rng),
            [PerformanceNetwork.Create("latency_ms", layout.FeatureCount, 11, [8], rng)]);
        models.RestoreAccuracyScale(70, 20);
        var opt = OptimizerNetwork.Create(layout, 11, 1, new LambdaRange(0.05, 2), [12], rng);
        var dev = new L2oDevice("pixel3", DeviceKind.Measured, Enumerable.Range(0, 11).Select(i => i / 10.0 - 0.5).ToArray(), [1.3]);
        var model = new L2oModel(space, L2oDeviceSet.Measured, ["latency_ms"], DeviceFeatures.SignatureNames(10), ["|nor_conv_3x3~0|+|none~0|none~1|+|skip_connect~0|none~1|none~2|"],
            [dev], 3, L2oMethod.Unsupervised, RelaxedInput.StraightThrough, 0.5, 9, 400, models, opt, [new L2oRound(1, 200, 1.5, [0.01], 0.2, 0.003, 2.5)]);
        var json = L2oModelFile.Serialize(model);
        var back = L2oModelFile.Deserialize(json, "mem.json");
        Assert.Equal(json, L2oModelFile.Serialize(back));
        Assert.Equal(opt.Design(dev.Features, [0.4]), back.Optimizer.Design(dev.Features, [0.4]));
        Assert.Equal(models.Costs[0].Network.Parameters, back.Models.Costs[0].Network.Parameters);
        Assert.Equal((L2oMethod.Unsupervised, 0.05, 2.0), (back.Method, back.Optimizer.Lambda.Min, back.Optimizer.Lambda.Max));

        var wrongVersion = Assert.Throws<ModelFileException>(() => L2oModelFile.Deserialize(json.Replace("\"version\":1", "\"version\":7"), "v7.json"));
        Assert.Contains("version 7", wrongVersion.Message);
        var truncated = Assert.Throws<ModelFileException>(() => L2oModelFile.Deserialize(json.Replace("\"sizes\":[12,12,30]", "\"sizes\":[12,13,30]"), "cut.json"));
        Assert.Contains("parameters", truncated.Message);
        Assert.Throws<ModelFileException>(() => L2oModelFile.Deserialize("{\"format\":\"oneproxy.accuracy-mlp\",\"version\":1}", "other.json"));
    }

    [Fact]
    public void BadInputsAreUserErrors()
    {
        Assert.Equal("iterations", Assert.Throws<InvalidOptionException>(() => new L2oTrainingOptions { Iterations = 0 }.Validated()).Option);
        Assert.Equal("lambda", Assert.Throws<InvalidOptionException>(() => new LambdaRange(1, 0.5).Validated()).Option);
        Assert.Equal("temperature", Assert.Throws<InvalidOptionException>(() => new OptimizerTrainingOptions { Temperature = 0 }.Validated()).Option);
        Assert.Throws<UnusableDataException>(() => DeviceFeatures.Signature([1.0, -2.0, 3.0]));
        var fold = new L2oTrainOptions(L2oDeviceSet.Measured, "nasbench201", "x.csv", "y.csv", "acc", [], 4, 4, 10, 100, 0, "m.json", new L2oTrainingOptions());
        Assert.Equal("fold", Assert.Throws<InvalidOptionException>(() => fold.Validated()).Option);
        Assert.Equal("model", Assert.Throws<InvalidOptionException>(() => L2oModelFile.Load("/nonexistent/l2o.json")).Option);
        var pool = AllDesigns();
        var one = new[] { new TrainingDevice(SyntheticDevice("only", 0, 0), i => [1.0]) };
        Assert.Equal("devices", Assert.Throws<InvalidOptionException>(() => L2oTrainer.Train(pool, _ => 1, one, ["latency"], new L2oTrainingOptions { ExplorePerRound = 20 }, new SeedStream(1))).Option);
    }

    [Fact]
    public void AcceleratorFeaturesAreOneHotDataflowAndScaledLogs()
    {
        var f = DeviceFeatures.Accelerator(Accelerators.AcceleratorConfig.Create(Accelerators.Dataflow.YrP, 512, 100, 50));
        Assert.Equal([0, 1, 0], f[..3]);
        Assert.Equal(1.0, f[3], 12);   // 512 PEs: top of the grid
        Assert.Equal(-1.0, f[4], 12);  // NoC 100: bottom
        Assert.Equal(-1.0, f[5], 12);  // off-chip 50: bottom
        Assert.Equal(DeviceFeatures.AcceleratorNames.Count, f.Length);
    }
}

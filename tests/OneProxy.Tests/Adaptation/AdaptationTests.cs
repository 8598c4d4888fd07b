using OneProxy.Adaptation;
using OneProxy.Devices;
using OneProxy.Monotonicity;
using OneProxy.Predictors;
using OneProxy.SearchSpaces;

namespace OneProxy.Tests.Adaptation;

public class AdaptationTests
{
    private static readonly NasBench201Space Space = new();

    [Fact]
    public void AdaProxyRecoversAPerOperatorSlowdownThatTheProxyMisses()
    {
        // Target = 2 x proxy, except 3x3 convolutions cost 6x more than on the proxy.
        var rng = new Random(1);
        var w = Enumerable.Range(0, 31).Select(_ => 0.2 + rng.NextDouble()).ToArray();
        var target = w.Select((v, j) => j < 30 && j % 5 == 3 ? 12 * v : 2 * v).ToArray();
        var all = new FeatureMatrix(Space, Space.Enumerate().ToArray());
        var truth = all.Multiply(target);
        var sampleRows = Enumerable.Range(0, 30).Select(_ => rng.Next(15625)).Distinct().ToArray();
        var x = all.SelectRows(sampleRows);
        var y = sampleRows.Select(r => truth[r]).ToArray();
        var adapter = new ProxyAdapter(Space, new LinearPredictor("nasbench201", "proxy", w, "synthetic", 0), []);
        var ada = adapter.Adapt(x, y, "target", AdaptationMethod.AdaProxy);
        double before = Spearman.Correlation(all.Multiply(w), truth);
        double after = Spearman.Correlation(all.Multiply(ada.Predictor.Weights), truth);
        Assert.True(before < 0.9, $"the proxy alone should be weakly monotone here (SRCC {before})");
        Assert.True(after > 0.99, $"AdaProxy SRCC {after}");
        Assert.Equal(sampleRows.Length, ada.Predictor.TargetMeasurements);
    }

    [SkippableFact]
    public void LibraryFindsTheMatchingDeviceAndAutoChoiceUsesOnlySamples()
    {
        TestData.RequireSharedDatasets();
        var t = TestData.NasBench201Latency;
        var bench = new AdaptationBenchmark(Space, t);
        var chars = new CharacterisedDevices(Space, t);
        var proxy = chars.Predictor("pixel3");
        var library = new[] { "titanx_256", "gold_6240", "samsung_a50" }.Select(chars.Predictor).ToArray();
        var device = new RecordedDevice(t, "titan_rtx_256");
        var archs = device.Measurable.Take(400).Where((_, i) => i % 40 == 0).ToArray();
        var y = archs.Select(device.MeasureMs).ToArray();
        Assert.Equal(10, device.Measurements);
        var result = new ProxyAdapter(Space, proxy, library).AdaptAuto(new FeatureMatrix(Space, archs), y, "titan_rtx_256");
        // The library's twin (titanx_256) carries it: auto keeps the library prior (its baseline since session 9, which
        // holds the same library) or moves to the library mix; both rank the target's whole table above 0.98.
        Assert.Contains(result.Method, new[] { AdaptationMethod.Library, AdaptationMethod.Prior });
        Assert.True(result.EstimatedSrccByMethod[AdaptationMethod.Library] > result.EstimatedSrccByMethod[AdaptationMethod.Proxy]);
        var all = new FeatureMatrix(Space, t.RequireArchitectures());
        Assert.True(Spearman.Correlation(result.Predictor.PredictAll(all), t.Column("titan_rtx_256")) > 0.98);
    }

    [SkippableFact]
    public void BenchmarkIsSeededAndCountsMeasurements()
    {
        TestData.RequireSharedDatasets();
        var bench = new AdaptationBenchmark(Space, TestData.NasBench201Latency);
        var options = new AdaptationOptions { Candidates = [AdaptationMethod.Proxy, AdaptationMethod.AdaProxy] };
        var a = bench.Run("pixel3", ["eyeriss"], ["raspi4"], [10, 20], 2, options);
        var b = bench.Run("pixel3", ["eyeriss"], ["raspi4"], [10, 20], 2, options);
        Assert.Equal(a.Select(r => r.MeanSrccAuto), b.Select(r => r.MeanSrccAuto));
        Assert.Equal([10.0, 20.0], a.Select(r => r.MeanMeasurements));
        Assert.Throws<UnusableDataException>(() => bench.Run("pixel3", ["eyeriss"], ["eyeriss"], [10], 1, options));
    }

    [SkippableFact]
    public void RecordedDeviceRefusesUnrecordedArchitectures()
    {
        TestData.RequireSharedDatasets();
        var device = new RecordedDevice(TestData.FbNetLatency, "fpga");
        var unknown = new FbNetSpace().Parse(string.Join('-', Enumerable.Repeat("skip", 22)));
        Assert.Contains("has no measurement", Assert.Throws<UnusableDataException>(() => device.MeasureMs(unknown)).Message);
        Assert.Equal(0, device.Measurements);
    }
}

using System.Diagnostics;
using OneProxy.Application.Datasets;
using OneProxy.Data;
using OneProxy.Data.Importers;
using OneProxy.Monotonicity;
using OneProxy.SearchSpaces;

namespace OneProxy.Tests.Data;

/// <summary>
/// Importers on small files made here, with the original writers where the format has one
/// (torch.save, pickle.dump through /usr/bin/python3): each import must give the same SRCC
/// matrix as the CSV the file was written from. The latency values are SYNTHETIC (seeded random).
/// </summary>
public sealed class ImporterTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("oneproxy-import-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string P(string name) => Path.Combine(_dir, name);

    /// <summary>SYNTHETIC: 60 architectures x 4 devices, correlated random latencies with a few ties and one missing value.</summary>
    private static (string[] Devices, double[][] Columns) Synthetic()
    {
        var rng = new Random(18);
        var devices = new[] { "pixel3", "raspi4", "eyeriss", "fpga" };
        var baseCost = Enumerable.Range(0, 60).Select(_ => 1 + 9 * rng.NextDouble()).ToArray();
        var cols = devices.Select((_, d) => baseCost.Select(b => Math.Round(b * (1 + 0.3 * rng.NextDouble()) + d, d == 3 ? 0 : 6)).ToArray()).ToArray();
        cols[1][7] = double.NaN;
        return (devices, cols);
    }

    private static string PyList(double[] col) =>
        "[" + string.Join(",", col.Select(v => double.IsNaN(v) ? "-1.0" : v.ToString("R", System.Globalization.CultureInfo.InvariantCulture))) + "]";

    private static void Python(string script)
    {
        var psi = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(script);
        using var p = Process.Start(psi)!;
        string err = p.StandardError.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, err);
    }

    private static void AssertSameSrcc(string[] devices, double[][] columns, WideTable imported)
    {
        var expected = SrccMatrix.Compute(devices, columns);
        var actual = SrccMatrix.Compute(imported.WithColumns(devices));
        for (int i = 0; i < devices.Length; i++)
            for (int j = 0; j < devices.Length; j++)
                Assert.Equal(expected[i, j], actual[i, j]);
    }

    [SkippableFact]
    public void HelpTorchSaveListsRoundTripToTheSameSrccMatrix()
    {
        TestPython.RequireTorch();
        var (devices, cols) = Synthetic();
        Directory.CreateDirectory(P("latency"));
        // HELP saved one Python list of floats per device; -1 marks a missing value here.
        Python("import torch\n" + string.Join("\n", devices.Select((d, i) => $"torch.save({PyList(cols[i])}, {Quote(P($"latency/{d}.pt"))})")));
        var r = DatasetImportUseCase.Run(new DatasetImportOptions(ImportFormat.HelpLatency, P("latency"), P("help.csv")));
        Assert.Equal(60, r.Rows);
        var table = WideTableReader.Read(P("help.csv"), ValueKind.LatencyMs);
        Assert.Equal(1, table.MissingCounts["raspi4"]);
        AssertSameSrcc(devices, cols, table);
    }

    [SkippableFact]
    public void HwNasBenchPickleRoundTripsLatencyAndEnergy()
    {
        TestPython.RequirePython();
        var (devices, cols) = Synthetic();
        var entries = string.Join(",", devices.Select((d, i) => $"'{d}_latency': {PyList(cols[i])}, '{d}_energy': {PyList(cols[(i + 1) % 4])}"));
        Python($"import pickle\npickle.dump({{'nasbench201': {{'cifar10': {{{entries}, 'config': [{{}}]}}}}}}, open({Quote(P("hw.pickle"))}, 'wb'))");
        DatasetImportUseCase.Run(new DatasetImportOptions(ImportFormat.HwNasBench, P("hw.pickle"), P("lat.csv")));
        AssertSameSrcc(devices, cols, WideTableReader.Read(P("lat.csv"), ValueKind.LatencyMs));
        DatasetImportUseCase.Run(new DatasetImportOptions(ImportFormat.HwNasBench, P("hw.pickle"), P("en.csv"), Metric: "energy"));
        var energy = WideTableReader.Read(P("en.csv"), ValueKind.LatencyMs);
        Assert.Equal(cols[2][5], energy.Column("raspi4")[5]);
    }

    [SkippableFact]
    public void APickleAskingForAnyOtherClassIsRefusedWithoutRunningIt()
    {
        TestPython.RequirePython();
        var marker = P("ran");
        Python($"import pickle, os\nclass E:\n    def __reduce__(self): return (os.mkdir, ({Quote(marker)},))\npickle.dump({{'nasbench201': E()}}, open({Quote(P("evil.pickle"))}, 'wb'))");
        var e = Assert.Throws<UnusableDataException>(() => DatasetImportUseCase.Run(new DatasetImportOptions(ImportFormat.HwNasBench, P("evil.pickle"), P("x.csv"))));
        Assert.Contains("does not admit", e.Message);
        Assert.False(Directory.Exists(marker));
        Assert.False(File.Exists(P("x.csv")));
    }

    [SkippableFact]
    public void HelpOfaArchitectureFileLoadsAsJsonLinesThatJoinLatencies()
    {
        TestPython.RequireTorch();
        // HELP's ofa_archs.pt: {'arch': [{'wid': None, 'ks': [...], 'e': [...], 'd': [...], 'r': [224]}, ...]}
        Python("import torch\ntorch.save({'arch': [" +
               "{'wid': None, 'ks': [3]*20, 'e': [4]*20, 'd': [2]*5, 'r': [224]}, {'wid': None, 'ks': [7]*20, 'e': [6]*20, 'd': [4]*5, 'r': [160]}" +
               $"]}}, {Quote(P("ofa_archs.pt"))})");
        var r = DatasetImportUseCase.Run(new DatasetImportOptions(ImportFormat.HelpArchitectures, P("ofa_archs.pt"), P("archs.jsonl"), "ofa-mbv3"));
        Assert.Equal(2, r.Rows);
        File.WriteAllText(P("latency_ms.csv"), "index,v100_1\n0,3.5\n1,9.25\n");
        var table = WideTableReader.ReadLatency(P("latency_ms.csv"), new OfaMobileNetV3Space(), P("archs.jsonl"));
        Assert.Equal(160, new OfaMobileNetV3Space().Resolution(table.RequireArchitectures()[1]));
    }

    [Fact]
    public void JsonLinesArchitecturesAcceptIndexArchAndBareObjects()
    {
        File.WriteAllText(P("nb.jsonl"), "{\"index\": 5, \"arch\": \"|none~0|+|none~0|none~1|+|none~0|none~1|none~2|\"}\n\n{\"index\": 2, \"arch\": \"|nor_conv_3x3~0|+|none~0|none~1|+|none~0|none~1|none~2|\"}\n");
        var map = WideTableReader.ReadArchitectureIndex(P("nb.jsonl"), new NasBench201Space());
        Assert.Equal([2, 5], map.Keys.Order().ToArray());
        File.WriteAllText(P("ofa.jsonl"), "{\"ks\":[3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3],\"e\":[3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3],\"d\":[2,2,2,2,2],\"r\":[128]}\n{\"ks\":[3],\"e\":[3],\"d\":[2],\"r\":128}\n");
        var e = Assert.Throws<DataFormatException>(() => WideTableReader.ReadArchitectureIndex(P("ofa.jsonl"), new OfaMobileNetV3Space()));
        Assert.Contains("ofa.jsonl:2: column 'arch'", e.Message);
    }

    [Fact]
    public void NnMeterJsonLinesAndLongCsvGiveTheSameWideTable()
    {
        File.WriteAllText(P("bench.jsonl"),
            "{\"id\": \"alexnet_0\", \"graph\": {\"n\": {}}, \"cortexA76cpu_tflite21\": 96.4, \"adreno640gpu_tflite21\": 12.5}\n" +
            "{\"id\": \"alexnet_1\", \"graph\": {}, \"cortexA76cpu_tflite21\": 50.0, \"adreno640gpu_tflite21\": null}\n");
        File.WriteAllText(P("pred.csv"), "model_name, model_type, predictor, predictor_version, latency\nalexnet_0, torch, cortexA76cpu_tflite21, 1.0, 96.4\n" +
            "alexnet_0, torch, adreno640gpu_tflite21, 1.0, 12.5\nalexnet_1, torch, cortexA76cpu_tflite21, 1.0, 50.0\n");
        var (a, models) = NnMeterReader.Read(P("bench.jsonl"));
        var (b, _) = NnMeterReader.Read(P("pred.csv"));
        Assert.Equal(["alexnet_0", "alexnet_1"], models);
        Assert.Equal(a.ColumnNames, b.ColumnNames);
        Assert.Equal(96.4, b.Column("cortexA76cpu_tflite21")[0]);
        Assert.True(double.IsNaN(a.Column("adreno640gpu_tflite21")[1]) && double.IsNaN(b.Column("adreno640gpu_tflite21")[1]));
        File.AppendAllText(P("pred.csv"), "alexnet_1, torch, cortexA76cpu_tflite21, 1.0, 51.0\n");
        Assert.Contains("pred.csv:5: column 'cortexA76cpu_tflite21': model 'alexnet_1' has two latencies",
            Assert.Throws<DataFormatException>(() => NnMeterReader.Read(P("pred.csv"))).Message);
    }

    private static string Quote(string path) => "'" + path.Replace("\\", "\\\\").Replace("'", "\\'") + "'";
}

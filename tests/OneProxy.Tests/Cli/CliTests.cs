using OneProxy.Cli.Commands;
using System.CommandLine;

namespace OneProxy.Tests.Cli;

public class CliTests
{
    /// <summary>Runs the real command tree in-process, capturing both streams.</summary>
    internal static (int Code, string Out, string Err) Run(params string[] args)
    {
        var root = CommandTree.Build();
        var o = new StringWriter(); var e = new StringWriter();
        int code = CommandRunner.Invoke(root, args, o, e);
        return (code, o.ToString(), e.ToString());
    }

    [SkippableFact]
    public void MonotonicityCsvIsASquareMatrixWithNames()
    {
        TestData.RequireSharedDatasets();
        var (code, output, err) = Run("monotonicity", "--space", "nasbench201", "--devices", "pixel3,raspi4,eyeriss", "--format", "csv");
        Assert.Equal(0, code);
        var lines = output.Trim().Split('\n');
        Assert.Equal("device,pixel3,raspi4,eyeriss", lines[0]);
        Assert.Equal(4, lines.Length);
        Assert.Equal("pixel3,1.0000,0.9667,0.7227", lines[1]);
        Assert.Contains("loaded 15625 architectures", err);
    }

    [SkippableFact]
    public void HeatmapIsWritten()
    {
        TestData.RequireSharedDatasets();
        var path = Path.Combine(Path.GetTempPath(), $"heat-{Guid.NewGuid():N}.svg");
        var (code, _, _) = Run("monotonicity", "--devices", "pixel3,raspi4", "--heatmap", path, "--format", "json");
        Assert.Equal(0, code);
        var svg = File.ReadAllText(path);
        File.Delete(path);
        var texts = System.Xml.Linq.XDocument.Parse(svg).Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value.Trim()).ToArray();
        Assert.Contains("raspi4", texts);
        Assert.Contains(".97", texts);
    }

    [SkippableFact]
    public void UnknownDeviceIsAOneLineErrorWithExitCode2()
    {
        TestData.RequireSharedDatasets();
        var (code, _, err) = Run("monotonicity", "--devices", "pixel3,toaster");
        Assert.Equal(2, code);
        Assert.Contains("error: no column 'toaster'", err);
        Assert.DoesNotContain("   at ", err);
    }

    [SkippableFact]
    public void EstimateAndSelectRunWithSeeds()
    {
        TestData.RequireSharedDatasets();
        var a = Run("estimate-srcc", "--pair", "pixel3,eyeriss", "--samples", "10,50", "--repetitions", "30", "--seed", "2", "--format", "csv");
        var b = Run("estimate-srcc", "--pair", "pixel3,eyeriss", "--samples", "10,50", "--repetitions", "30", "--seed", "2", "--format", "csv");
        Assert.Equal(0, a.Code);
        Assert.Equal(a.Out, b.Out);
        Assert.Contains("pixel3,eyeriss,50,30,", a.Out);
        var s = Run("select-proxy", "--sample", "40", "--seed", "1");
        Assert.Equal(0, s.Code);
        Assert.Contains("Proxy: ", s.Out);
    }

    [SkippableFact]
    public void FitPredictorThenAdaptFromASamplesCsv()
    {
        TestData.RequireSharedDatasets();
        var dir = Directory.CreateTempSubdirectory("oneproxy-cli-").FullName;
        try
        {
            var (code, output, err) = Run("fit-predictor", "--devices", "pixel3,titanx_256", "--output-dir", dir);
            Assert.True(code == 0, err);
            Assert.Contains("pixel3,non-negative,15625,", output);
            Assert.True(File.Exists(Path.Combine(dir, "titanx_256.json")));
            // Ten titan_rtx_256 measurements as a user would write them.
            var t = TestData.NasBench201Latency;
            var space = new OneProxy.SearchSpaces.NasBench201Space();
            var rows = Enumerable.Range(0, 10).Select(i => i * 1500).ToArray();
            var csv = "arch,titan_rtx_256\n" + string.Concat(rows.Select(r =>
                $"{space.Format(t.RequireArchitectures()[r])},{t.Column("titan_rtx_256")[r].ToString(System.Globalization.CultureInfo.InvariantCulture)}\n"));
            using var samples = TestData.Csv(csv);
            var adapted = Path.Combine(dir, "adapted.json");
            var libDir = Path.Combine(dir, "lib");
            (code, output, err) = Run("adapt", "--proxy", Path.Combine(dir, "pixel3.json"), "--library", Path.Combine(dir, "titanx_256.json"),
                "--samples", samples.Path, "--method", "library+optype", "-o", adapted, "--add-to-library", libDir);
            Assert.True(code == 0, err);
            Assert.Contains("target titan_rtx_256: method library+optype", output);
            Assert.Contains("from 10 target measurements", output);
            var p = OneProxy.Predictors.PredictorFile.Load(adapted, space);
            Assert.Equal("titan_rtx_256", p.Device);
            Assert.Equal(10, p.TargetMeasurements);
            Assert.True(File.Exists(Path.Combine(libDir, "titan_rtx_256.json")));
            var all = new OneProxy.Predictors.FeatureMatrix(space, t.RequireArchitectures());
            double srcc = OneProxy.Monotonicity.Spearman.Correlation(p.PredictAll(all), t.Column("titan_rtx_256"));
            Assert.True(srcc > 0.97, $"adapted SRCC {srcc}; {output}");
        }
        finally { Directory.Delete(dir, true); }
    }

    [SkippableFact]
    public void AdaptRefusesBadInputClearly()
    {
        TestData.RequireSharedDatasets();
        using var bad = TestData.Csv("arch,dev\n|nor_conv_3x3~0|+|none~0|none~1|+|none~0|none~1|bogus~2|,1.5\n");
        var (code, _, err) = Run("adapt", "--proxy", "/nonexistent/p.json", "--samples", bad.Path);
        Assert.Equal(2, code);
        Assert.Contains("predictor file not found", err);
        var dir = Directory.CreateTempSubdirectory("oneproxy-cli-").FullName;
        try
        {
            Assert.Equal(0, Run("fit-predictor", "--devices", "pixel3", "--output-dir", dir).Code);
            (code, _, err) = Run("adapt", "--proxy", Path.Combine(dir, "pixel3.json"), "--samples", bad.Path);
            Assert.Equal(2, code);
            Assert.Contains(":2:", err);
            Assert.Contains("bogus", err);
            (code, _, err) = Run("adapt", "--proxy", Path.Combine(dir, "pixel3.json"), "--samples", bad.Path, "--method", "magic");
            Assert.Equal(2, code);
            Assert.Contains("unknown method 'magic'", err);
        }
        finally { Directory.Delete(dir, true); }
    }

    [SkippableFact]
    public void IncrementalBenchCsvReportsMeasurementsSpent()
    {
        TestData.RequireSharedDatasets();
        var (code, output, err) = Run("bench", "adapt", "--targets", "fpga", "--library", "titanx_256,gold_6240", "--seeds", "2",
            "--incremental", "--threshold", "0.9", "--format", "csv");
        Assert.True(code == 0, err);
        var lines = output.Trim().Split('\n');
        Assert.Equal("target,seeds,mean_measurements,max_measurements,mean_estimated_srcc,mean_srcc,min_srcc,reached_fraction", lines[0]);
        var cells = lines[1].Split(',');
        Assert.Equal("fpga", cells[0]);
        Assert.InRange(double.Parse(cells[2], System.Globalization.CultureInfo.InvariantCulture), 10, 50);
    }

    [SkippableFact]
    public void BenchTransferWithFlopsKeepsTheCostColumnsOutOfTheTargets()
    {
        TestData.RequireSharedDatasets();
        var (code, output, err) = Run("bench", "transfer", "--seeds", "1", "--with-flops", "--per-device-samples", "200", "--format", "csv");
        Assert.True(code == 0, err);
        var lines = output.Trim().Split('\n');
        Assert.EndsWith(",hv_ratio_all_data,all_data_measurements", lines[0]);
        var targets = lines.Skip(1).Select(l => l.Split(',')[0]).ToArray();
        Assert.Equal(26, targets.Length); // every recorded device but the proxy; flops and params only join the library
        Assert.DoesNotContain("flops", targets);
        Assert.DoesNotContain("params", targets);
        foreach (var line in lines.Skip(1))
        {
            var cells = line.Split(',');
            Assert.InRange(double.Parse(cells[^2], System.Globalization.CultureInfo.InvariantCulture), 0.5, 1.0);
        }
    }
}

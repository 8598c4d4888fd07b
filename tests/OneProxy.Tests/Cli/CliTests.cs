using OneProxy.Cli.Commands;
using System.CommandLine;

namespace OneProxy.Tests.Cli;

public class CliTests
{
    /// <summary>Runs the real command tree in-process, capturing both streams.</summary>
    internal static (int Code, string Out, string Err) Run(params string[] args)
    {
        var root = new RootCommand();
        root.Subcommands.Add(MonotonicityCommand.Create());
        root.Subcommands.Add(EstimateSrccCommand.Create());
        root.Subcommands.Add(SelectProxyCommand.Create());
        var o = new StringWriter(); var e = new StringWriter();
        int code = CommandRunner.Invoke(root, args, o, e);
        return (code, o.ToString(), e.ToString());
    }

    [Fact]
    public void MonotonicityCsvIsASquareMatrixWithNames()
    {
        var (code, output, err) = Run("monotonicity", "--space", "nasbench201", "--devices", "pixel3,raspi4,eyeriss", "--format", "csv");
        Assert.Equal(0, code);
        var lines = output.Trim().Split('\n');
        Assert.Equal("device,pixel3,raspi4,eyeriss", lines[0]);
        Assert.Equal(4, lines.Length);
        Assert.Equal("pixel3,1.0000,0.9667,0.7227", lines[1]);
        Assert.Contains("loaded 15625 architectures", err);
    }

    [Fact]
    public void HeatmapIsWritten()
    {
        var path = Path.Combine(Path.GetTempPath(), $"heat-{Guid.NewGuid():N}.svg");
        var (code, _, _) = Run("monotonicity", "--devices", "pixel3,raspi4", "--heatmap", path, "--format", "json");
        Assert.Equal(0, code);
        var svg = File.ReadAllText(path);
        File.Delete(path);
        Assert.StartsWith("<svg", svg);
        Assert.Contains(">raspi4</text>", svg);
        Assert.Contains(">.97</text>", svg);
    }

    [Fact]
    public void UnknownDeviceIsAOneLineErrorWithExitCode2()
    {
        var (code, _, err) = Run("monotonicity", "--devices", "pixel3,toaster");
        Assert.Equal(2, code);
        Assert.Contains("error: no column 'toaster'", err);
        Assert.DoesNotContain("   at ", err);
    }

    [Fact]
    public void EstimateAndSelectRunWithSeeds()
    {
        var a = Run("estimate-srcc", "--pair", "pixel3,eyeriss", "--samples", "10,50", "--repetitions", "30", "--seed", "2", "--format", "csv");
        var b = Run("estimate-srcc", "--pair", "pixel3,eyeriss", "--samples", "10,50", "--repetitions", "30", "--seed", "2", "--format", "csv");
        Assert.Equal(0, a.Code);
        Assert.Equal(a.Out, b.Out);
        Assert.Contains("pixel3,eyeriss,50,30,", a.Out);
        var s = Run("select-proxy", "--sample", "40", "--seed", "1");
        Assert.Equal(0, s.Code);
        Assert.Contains("Proxy: ", s.Out);
    }
}

using System.Diagnostics;
using OneProxy.Cli.Commands;
using OneProxy.Measurement;
using OneProxy.SearchSpaces;
using OneProxy.Tests.Cli;

namespace OneProxy.Tests.Measurement;

/// <summary>Runs only where the bundled agent's PyTorch is installed (agents/setup.sh); skipped elsewhere.</summary>
public sealed class TorchFactAttribute : FactAttribute
{
    private static readonly Lazy<bool> Available = new(() =>
    {
        try
        {
            using var p = Process.Start(new ProcessStartInfo(BundledAgent.Python, "-c \"import torch\"") { RedirectStandardError = true });
            return p!.WaitForExit(60_000) && p.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception) { return false; }
    });

    public TorchFactAttribute()
    {
        if (!Available.Value) Skip = $"PyTorch is not importable by {BundledAgent.Python}: run agents/setup.sh";
    }
}

public sealed class BundledAgentTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("oneproxy-agent-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [TorchFact]
    public void MeasuresEverySpaceOnTheCpuThroughTheStore()
    {
        var db = Path.Combine(_dir, "m.db");
        foreach (var space in new ISearchSpace[] { new NasBench201Space(), new FbNetSpace(), new MobileNetV2Space() })
        {
            var archs = Path.Combine(_dir, space.Name + ".txt");
            File.WriteAllLines(archs, space.SampleDistinct(2, new Random(1)).Select(space.Format));
            var (code, output, err) = CliTests.Run("measure", "--space", space.Name, "--device", "cpu", "--store", db,
                "--archs", archs, "--warmup", "0", "--runs", "2", "--timeout", "120");
            Assert.True(code == 0, err);
            Assert.Contains("2 measured", output);
        }
        using var store = MeasurementStore.Open(db);
        var rows = store.Query();
        Assert.Equal(6, rows.Count);
        Assert.All(rows, r => Assert.StartsWith("pytorch-", r.Runtime));
        Assert.All(rows, r => Assert.Equal(2, r.Repetitions));
        Assert.All(rows, r => Assert.True(r.MedianMs > 0));
        Assert.All(rows.Where(r => r.Space == "mobilenetv2"), r => Assert.Equal(new MeasurementSetting(1, 1, 224), r.Setting));
        Assert.All(rows.Where(r => r.Space == "nasbench201"), r => Assert.Equal(new MeasurementSetting(1, 1, 32), r.Setting));
    }

    [TorchFact]
    public void AnUnbuildableArchitectureIsReportedAndTheAgentGoesOn()
    {
        var psi = new ProcessStartInfo(BundledAgent.Python) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { BundledAgent.Locate(), "--space", "nasbench201", "--warmup", "0", "--runs", "1" }) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        p.StandardInput.WriteLine("|bogus~0|");
        p.StandardInput.WriteLine(new NasBench201Space().Format(new NasBench201Space().Enumerate().First()));
        p.StandardInput.Close();
        var reports = p.StandardOutput.ReadToEnd().Split('\n').Select((l, i) => AgentOutputParser.Parse(l, "agent", i + 1)).OfType<AgentReport>().ToList();
        Assert.True(p.WaitForExit(60_000));
        Assert.Equal(2, reports.Count);
        Assert.Contains("expected 3 nodes", Assert.IsType<AgentFailure>(reports[0]).Error);
        Assert.IsType<AgentMeasurement>(reports[1]);
    }
}

using System.Diagnostics;
using OneProxy.Cli.Commands;
using OneProxy.Measurement;
using OneProxy.SearchSpaces;
using OneProxy.Tests.Cli;

namespace OneProxy.Tests.Measurement;

/// <summary>
/// The measuring path end to end: the real CLI, the bundled fake agent as a separate process,
/// a real SQLite file. Faults are injected by the fake agent (crash, hang, garbage).
/// </summary>
public sealed class MeasureFaultTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("oneproxy-measure-").FullName;
    private readonly NasBench201Space _space = new();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Db => Path.Combine(_dir, "m.db");

    private static string Dotnet =>
        Environment.ProcessPath is string p && Path.GetFileNameWithoutExtension(p) == "dotnet" ? p : "dotnet";

    private static string Cli => AgentCommand.ShellQuote(typeof(CommandTree).Assembly.Location);

    private static string FakeAgent(string extra = "") => $"{Dotnet} {Cli} fake-agent --space {{space}} --batch {{batch}} --threads {{threads}} --input {{input}} {extra}";

    private string ArchFile(int count, int seed = 3)
    {
        var path = Path.Combine(_dir, $"archs-{count}-{seed}.txt");
        File.WriteAllLines(path, _space.SampleDistinct(count, new Random(seed)).Select(_space.Format));
        return path;
    }

    private (int Code, string Out, string Err) Measure(string archs, string agent, params string[] extra) =>
        CliTests.Run(["measure", "--space", "nasbench201", "--device", "fake", "--store", Db, "--archs", archs, "--agent", agent, .. extra]);

    private long Stored()
    {
        using var s = MeasurementStore.Open(Db);
        return s.Count;
    }

    [Fact]
    public void MeasuresEverythingThenAReRunMeasuresNothing()
    {
        var archs = ArchFile(12);
        var (code, output, _) = Measure(archs, FakeAgent("--noise 0.05"));
        Assert.Equal(0, code);
        Assert.Contains("12 requested, 0 already stored, 12 measured", output);
        (code, output, _) = Measure(archs, FakeAgent());
        Assert.Equal(0, code);
        Assert.Contains("12 requested, 12 already stored, 0 measured", output);
        using var s = MeasurementStore.Open(Db);
        var rows = s.Query("nasbench201", "fake");
        Assert.Equal(12, rows.Count);
        Assert.All(rows, r => Assert.Equal(new MeasurementSetting(1, 1, 32), r.Setting));
        Assert.All(rows, r => Assert.Equal("oneproxy-fake-agent", r.Runtime));
    }

    [Fact]
    public void AKilledAgentLosesNothingMeasuredBeforeAndTheRunResumes()
    {
        var archs = ArchFile(10);
        var (code, _, err) = Measure(archs, FakeAgent("--crash-after 4"));
        Assert.Equal(2, code);
        Assert.Contains("agent exited with code 137 before reporting", err);
        Assert.Contains("4 measurement(s) of this run are stored", err);
        Assert.Equal(4, Stored());
        var (code2, output, _) = Measure(archs, FakeAgent());
        Assert.Equal(0, code2);
        Assert.Contains("10 requested, 4 already stored, 6 measured", output);
        Assert.Equal(10, Stored());
    }

    [Fact]
    public void AHungAgentIsKilledAfterTheTimeout()
    {
        var archs = ArchFile(6);
        var sw = Stopwatch.StartNew();
        // 10 s, not less: the timeout also covers the agent's own start-up (a dotnet process), which
        // took over 3 s on a loaded 2-core machine and left nothing stored.
        var (code, _, err) = Measure(archs, FakeAgent("--hang-after 2"), "--timeout", "10");
        Assert.Equal(2, code);
        Assert.Contains("agent timed out: no result within 10 s for ", err);
        Assert.Equal(2, Stored());
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(60), $"took {sw.Elapsed}");
    }

    [Fact]
    public void AMalformedLineStopsTheRunWithTheLineAndKeepsEarlierResults()
    {
        var archs = ArchFile(6);
        var (code, _, err) = Measure(archs, FakeAgent("--garbage-after 3"));
        Assert.Equal(2, code);
        Assert.Contains("agent output:4: not a JSON result line: Segmentation fault", err);
        Assert.Equal(3, Stored());
    }

    [Fact]
    public void AnAgentReportingAnotherSettingIsRefused()
    {
        var archs = ArchFile(3);
        var agent = $"{Dotnet} {Cli} fake-agent --space {{space}} --batch 64";
        var (code, _, err) = Measure(archs, agent);
        Assert.Equal(2, code);
        Assert.Contains("reports batch 64 but 1 was requested", err);
        Assert.Equal(0, Stored());
    }

    [Fact]
    public void OneProcessPerArchitectureWhenTheTemplateNamesIt()
    {
        var archs = ArchFile(3);
        var (code, output, _) = Measure(archs, FakeAgent("--arch {arch}"));
        Assert.Equal(0, code);
        Assert.Contains("3 measured", output);
    }

    [Fact]
    public async Task TwoConcurrentMeasureProcessesShareOneStoreWithoutLossOrDuplicates()
    {
        var archs = ArchFile(30, seed: 9);
        Process Start()
        {
            var psi = new ProcessStartInfo(Dotnet) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in new[] { typeof(CommandTree).Assembly.Location, "measure", "--space", "nasbench201", "--device", "fake",
                         "--store", Db, "--archs", archs, "--agent", FakeAgent("--delay-ms 20") })
                psi.ArgumentList.Add(a);
            return Process.Start(psi)!;
        }
        using var p1 = Start();
        using var p2 = Start();
        var out1 = p1.StandardOutput.ReadToEndAsync();
        var out2 = p2.StandardOutput.ReadToEndAsync();
        var err1 = p1.StandardError.ReadToEndAsync();
        var err2 = p2.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await p1.WaitForExitAsync(cts.Token);
        await p2.WaitForExitAsync(cts.Token);
        Assert.True(p1.ExitCode == 0, await err1);
        Assert.True(p2.ExitCode == 0, await err2);
        using var s = MeasurementStore.Open(Db);
        var rows = s.Query();
        Assert.Equal(30, rows.Count);
        Assert.Equal(30, rows.Select(r => r.Architecture).Distinct().Count());
        Assert.Contains("30 requested", await out1);
        Assert.Contains("30 requested", await out2);
    }

    [Fact]
    public void ImportTwiceStoresOnceAndABadFileStoresNothing()
    {
        var csv = Path.Combine(_dir, "lat.csv");
        var archs = _space.SampleDistinct(4, new Random(1)).Select(_space.Format).ToArray();
        File.WriteAllLines(csv, ["arch,dev_a,dev_b", $"{archs[0]},1.5,2", $"{archs[1]},-1,3", $"{archs[2]},2.5,NaN"]);
        var (code, output, _) = CliTests.Run("import", "--space", "nasbench201", "--latency", csv, "--store", Db);
        Assert.Equal(0, code);
        Assert.Contains("imported 4 measurement(s)", output);
        Assert.Contains("2 missing cell(s) not stored", output);
        (code, output, _) = CliTests.Run("import", "--space", "nasbench201", "--latency", csv, "--store", Db);
        Assert.Equal(0, code);
        Assert.Contains("imported 0 measurement(s)", output);
        Assert.Contains("4 already stored and kept", output);
        var bad = Path.Combine(_dir, "bad.csv");
        File.WriteAllLines(bad, ["arch,dev_c", $"{archs[3]},1.0", $"{archs[0]},abc"]);
        (code, _, var err) = CliTests.Run("import", "--space", "nasbench201", "--latency", bad, "--store", Db);
        Assert.Equal(2, code);
        Assert.Contains("bad.csv:3: column 'dev_c'", err);
        Assert.Equal(4, Stored());
        var outCsv = Path.Combine(_dir, "export.csv");
        (code, _, _) = CliTests.Run("export", "--space", "nasbench201", "--store", Db, "-o", outCsv);
        Assert.Equal(0, code);
        var lines = File.ReadAllLines(outCsv);
        Assert.Equal("arch,dev_a,dev_b", lines[0]);
        Assert.Contains($"{archs[1]},,3", lines);
        Assert.Contains($"{archs[2]},2.5,", lines);
    }

    [Fact]
    public void RoundsStoreTheMedianOfEachArchitecturesRoundsChunkByChunk()
    {
        var archs = ArchFile(12);
        var (code, output, err) = Measure(archs, FakeAgent("--noise 0.1 --crash-after 35"), "--rounds", "3");
        Assert.Equal(2, code);
        Assert.Contains("10 measurement(s) of this run are stored", err); // the first chunk's 30 reports completed it
        (code, output, _) = Measure(archs, FakeAgent("--noise 0.1"), "--rounds", "3");
        Assert.Equal(0, code);
        Assert.Contains("12 requested, 10 already stored, 2 measured", output);
        using var s = MeasurementStore.Open(Db);
        var rows = s.Query();
        Assert.Equal(12, rows.Count);
        Assert.All(rows, r => Assert.Equal(3, r.Repetitions)); // three rounds of one run each
        // The fake agent's noise is a function of the architecture, so its rounds agree exactly.
        Assert.All(rows, r => Assert.Equal(0.0, r.StdMs!.Value, 12));
        Assert.All(rows, r => Assert.Equal(r.MedianMs, r.MinMs)); // the fastest run of the rounds travels too
    }

    [Fact]
    public void AnUnknownArchitectureInTheListStopsBeforeAnythingRuns()
    {
        var archs = Path.Combine(_dir, "archs.txt");
        File.WriteAllLines(archs, ["# two architectures", _space.Format(_space.Enumerate().First()), "|conv_9x9~0|+|none~0|none~1|+|none~0|none~1|none~2|"]);
        var (code, _, err) = Measure(archs, FakeAgent());
        Assert.Equal(2, code);
        Assert.Contains("archs.txt:3:", err);
        Assert.Contains("conv_9x9", err);
        Assert.False(File.Exists(Db));
    }
}

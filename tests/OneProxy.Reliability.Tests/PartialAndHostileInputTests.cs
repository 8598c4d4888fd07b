using System.Xml.Linq;
using OneProxy.Cli.Commands;
using OneProxy.Data;
using OneProxy.Monotonicity;
using OneProxy.Reports;

namespace OneProxy.Reliability.Tests;

/// <summary>
/// Issue 17's classes 2 (partial recordings), 5-6 (values and options that used to end in a stack
/// trace or a silent wrong result) and 8 (control characters in figures), run through the CLI as
/// a user would.
/// </summary>
public class PartialAndHostileInputTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("oneproxy-partial-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        int code = CommandRunner.Invoke(CommandTree.Build(), args, o, e);
        return (code, o.ToString(), e.ToString());
    }

    /// <summary>The first 2,000 rows of NAS-Bench-201's latency file, as other groups publish subsets (index-keyed).</summary>
    private string Subset()
    {
        var path = Path.Combine(_dir, "subset.csv");
        File.WriteAllLines(path, File.ReadLines(DatasetLocator.File("nasbench201", "latency_ms.csv")).Take(2001));
        return path;
    }

    private static string Architectures => DatasetLocator.File("nasbench201", "architectures.csv");

    [SkippableFact]
    public void TransferOnAPartialRecordingSearchesWhatTheTargetCanReplay()
    {
        SharedData.Require();
        var subset = Subset();
        var (code, output, err) = Run("transfer", "--latency", subset, "--architectures", Architectures, "--proxy", "eyeriss", "--target", "pixel3");
        Assert.True(code == 0, err);
        Assert.Contains("partial recording: 2000 of nasbench201's 15625 architectures", err);
        Assert.Contains("13625 left out", err);
        var measured = File.ReadLines(subset).Skip(1).Select(l => int.Parse(l[..l.IndexOf(',')])).ToHashSet();
        var index = File.ReadLines(Architectures).Skip(1).Select(l => l.Split(',')).ToDictionary(f => f[1], f => int.Parse(f[0]));
        var front = output.Trim().Split('\n').Skip(1).Select(l => l[..l.LastIndexOf(',')]).Select(l => l[..l.LastIndexOf(',')]).ToArray();
        Assert.NotEmpty(front);
        Assert.All(front, arch => Assert.Contains(index[arch], measured));
    }

    [SkippableFact]
    public void ConstrainOnAPartialRecordingMeetsTheBoundWithinTheSubset()
    {
        SharedData.Require();
        var (code, output, err) = Run("constrain", "--latency", Subset(), "--architectures", Architectures, "--targets", "pixel3", "--max-latency", "20", "--format", "csv");
        Assert.True(code == 0, err);
        Assert.Contains("pixel3: partial recording: 2000", err);
        var row = output.Trim().Split('\n')[1].Split(',');
        Assert.Equal("pixel3", row[0]);
    }

    [SkippableFact]
    public void AnAccuracyTableWithAHoleIsSearchedExhaustivelyOrRefusedForEvolution()
    {
        SharedData.Require();
        var acc = Path.Combine(_dir, "acc.csv");
        var lines = File.ReadAllLines(Architectures);
        var cells = lines[8].Split(',');
        cells[2] = "-1"; // one missing accuracy, as a published table marks it
        lines[8] = string.Join(',', cells);
        File.WriteAllLines(acc, lines);

        var evolution = Run("search", "--device", "pixel3", "--accuracy", acc);
        Assert.Equal(2, evolution.Code);
        Assert.StartsWith("error: --accuracy:", evolution.Err.Trim());
        Assert.Contains("--method exhaustive", evolution.Err);

        var exhaustive = Run("search", "--device", "pixel3", "--accuracy", acc, "--method", "exhaustive");
        Assert.True(exhaustive.Code == 0, exhaustive.Err);
        Assert.Contains("searching those only (1 left out)", exhaustive.Err);
    }

    [Theory]
    [InlineData("arch", "is reserved")]
    [InlineData("INDEX", "is reserved")]
    [InlineData("../x", "is not allowed")]
    public void ADeviceNameThatWouldBreakAnExportIsRefusedAtImport(string device, string problem)
    {
        var output = Path.Combine(_dir, "agent.jsonl");
        File.WriteAllText(output, "{\"arch\":\"|none~0|+|none~0|none~1|+|none~0|none~1|none~2|\",\"median_ms\":1.5}\n");
        var store = Path.Combine(_dir, "s.db");
        var (code, _, err) = Run("import", "--space", "nasbench201", "--agent-output", output, "--device", device, "--store", store);
        Assert.Equal(2, code);
        Assert.StartsWith("error: --device:", err.Trim());
        Assert.Contains(problem, err);
        Assert.False(File.Exists(store));
    }

    [Fact]
    public void AnAgentOutputThatMeasuresAnArchitectureTwiceWithTwoValuesIsRefused()
    {
        var output = Path.Combine(_dir, "agent.jsonl");
        const string a = "|none~0|+|none~0|none~1|+|none~0|none~1|none~2|", b = "|skip_connect~0|+|none~0|none~1|+|none~0|none~1|none~2|";
        File.WriteAllLines(output, [$"{{\"arch\":\"{a}\",\"median_ms\":1.5}}", $"{{\"arch\":\"{b}\",\"median_ms\":2.5}}", $"{{\"arch\":\"{a}\",\"median_ms\":9.5}}"]);
        var store = Path.Combine(_dir, "s.db");
        var (code, _, err) = Run("import", "--space", "nasbench201", "--agent-output", output, "--device", "d1", "--store", store);
        Assert.Equal(2, code);
        Assert.Contains("agent.jsonl:3: column 'median_ms': repeats the architecture of line 1 with another latency (9.5 vs 1.5 ms)", err);
        Assert.False(File.Exists(store), "nothing half-read is stored");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-0")]
    [InlineData("0.0e5")]
    public void ALatencyOfZeroIsRefusedLikeTheStoreRefusesIt(string zero)
    {
        var path = Path.Combine(_dir, "zero.csv");
        File.WriteAllText(path, $"index,a,b\n0,1.5,2\n1,{zero},3\n2,4,5\n");
        var (code, _, err) = Run("monotonicity", "--latency", path);
        Assert.Equal(2, code);
        Assert.Contains("zero.csv:3: column 'a': latency", err);
        Assert.Contains("is not a measurement", err);
    }

    [Theory]
    [InlineData("1e300")]
    [InlineData("NaN")]
    [InlineData("-3")]
    public void AnImpossibleTimeoutIsAUserError(string seconds)
    {
        var (code, _, err) = Run("measure", "--space", "nasbench201", "--device", "x", "--store", Path.Combine(_dir, "s.db"), "--agent", "true", "--timeout", seconds);
        Assert.Equal(2, code);
        Assert.StartsWith("error: --timeout:", err.Trim());
        Assert.False(File.Exists(Path.Combine(_dir, "s.db")), "nothing may be created for a refused command");
    }

    [Fact]
    public void AUserErrorInsideParallelWorkIsReportedAsItself()
    {
        var o = new StringWriter();
        var e = new StringWriter();
        var root = new System.CommandLine.RootCommand();
        var cmd = new System.CommandLine.Command("boom");
        cmd.SetAction(CommandRunner.Guarded(_ => throw new AggregateException(new UnusableDataException("cell x.csv:3 is bad"))));
        root.Subcommands.Add(cmd);
        int code = CommandRunner.Invoke(root, ["boom"], o, e);
        Assert.Equal(2, code);
        Assert.Equal("error: cell x.csv:3 is bad", e.ToString().Trim());
    }

    [Fact]
    public void FiguresStayValidXmlWhateverTheNames()
    {
        string[] names = ["ok", "bell\u0007dev", "esc\u001b[31m", "amp&<lt>\"q\"", "lone\uD800x", "é日本"];
        int n = names.Length;
        var values = new double[n, n];
        var pairs = new int[n, n];
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) { values[i, j] = i == j ? 1 : 0.5; pairs[i, j] = 10; }
        var svg = OneProxy.Reports.Figures.Heatmap.Create(new SrccMatrix(names, values, pairs), "title \u0001 <b>", 0.9).ToSvg();
        var doc = XDocument.Parse(svg); // throws on an invalid character or unescaped markup
        Assert.Contains(doc.Descendants().Select(x => x.Value), v => v.Contains("amp&<lt>"));
        Assert.Contains(doc.Descendants().Select(x => x.Value), v => v.Contains("title \uFFFD <b>"));
        Assert.Equal("bell\uFFFDdev", SvgText.Escape("bell\u0007dev"));
        Assert.Equal("a&amp;b", SvgText.Escape("a&b"));
    }
}

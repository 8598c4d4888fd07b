using System.Globalization;
using OneProxy.Application;
using OneProxy.Cli.Commands;
using OneProxy.SearchSpaces;

namespace OneProxy.Tests.Application;

/// <summary>Issue 18 item 5's loose ends: sampled tables join a JSON-lines architecture list; constrain on OFA says what to use.</summary>
public sealed class SpaceSupportTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("oneproxy-space-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void ASampledIndexOnlyTableJoinsTheJsonLinesArchitectureListBesideIt()
    {
        var space = new NasBench201Space();
        var archs = space.Enumerate().Take(12).ToArray();
        File.WriteAllLines(Path.Combine(_dir, "latency_ms.csv"),
            ["index,a,b", .. archs.Select((_, i) => string.Create(CultureInfo.InvariantCulture, $"{100 + i},{1 + i},{2 + 0.5 * i}"))]);
        File.WriteAllLines(Path.Combine(_dir, "architectures.jsonl"), archs.Select((a, i) => $"{{\"index\": {100 + i}, \"arch\": \"{space.Format(a)}\"}}"));

        var loaded = new LatencyInput("nasbench201", Path.Combine(_dir, "latency_ms.csv")).LoadSample(5, new Random(3));

        Assert.Equal(5, loaded.Table.RowCount);
        Assert.NotNull(loaded.Table.Architectures);
        // Each sampled row carries the architecture its index names in the list (values were written as 1 + position).
        for (int r = 0; r < loaded.Table.RowCount; r++)
        {
            int position = (int)Math.Round(loaded.Table.Column("a")[r]) - 1;
            Assert.Equal(space.Format(archs[position]), space.Format(loaded.Table.Architectures![r]));
        }
    }

    [Fact]
    public void ConstrainOnOfaWithoutARecordingSaysInOneLineWhatToUse()
    {
        var o = new StringWriter();
        var e = new StringWriter();
        int code = CommandRunner.Invoke(CommandTree.Build(), ["constrain", "--space", "ofa-mbv3", "--max-latency", "20"], o, e);

        Assert.Equal(2, code);
        var line = Assert.Single(e.ToString().Trim().Split('\n'));
        Assert.StartsWith("error: --latency: constrain replays recorded targets", line);
        Assert.Contains("give --latency CSV", line);
        Assert.Contains("search --space ofa-mbv3 --method evolution --max-latency MS", line);
    }
}

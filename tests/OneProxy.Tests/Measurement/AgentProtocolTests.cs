using OneProxy.Data;
using OneProxy.Measurement;
using OneProxy.SearchSpaces;

namespace OneProxy.Tests.Measurement;

public class AgentProtocolTests
{
    [Fact]
    public void ParsesAFullResultLine()
    {
        var r = AgentOutputParser.Parse("""{"arch":"a","median_ms":1.5,"mean_ms":1.6,"min_ms":1.4,"std_ms":0.1,"runs":50,"batch":64,"threads":2,"input":224,"runtime":"pt"}""", "x", 3);
        Assert.Equal(new AgentMeasurement("a", 3, 1.5, 1.6, 0.1, 50, 64, 2, 224, "pt", 1.4), r);
    }

    [Fact]
    public void OnlyArchAndMedianAreRequired()
    {
        var r = Assert.IsType<AgentMeasurement>(AgentOutputParser.Parse("""{"arch":"a","median_ms":2}""", "x", 1));
        Assert.Null(r.MeanMs);
        Assert.Null(r.MinMs);
        Assert.Null(r.BatchSize);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("# agent runtime=pytorch")]
    public void CommentsAndBlankLinesAreSkipped(string line) => Assert.Null(AgentOutputParser.Parse(line, "x", 1));

    [Fact]
    public void AFailureLineIsAReportNotAnException()
    {
        var r = Assert.IsType<AgentFailure>(AgentOutputParser.Parse("""{"arch":"a","error":"out of memory"}""", "x", 1));
        Assert.Equal("out of memory", r.Error);
    }

    [Theory]
    [InlineData("12.5 ms", "not a JSON result line")]
    [InlineData("""{"arch":"a","median_ms":1.5""", "invalid JSON")]
    [InlineData("""{"median_ms":1.5}""", "missing 'arch'")]
    [InlineData("""{"arch":"a"}""", "missing 'median_ms'")]
    [InlineData("""{"arch":"a","median_ms":"1.5"}""", "'median_ms' must be a finite number")]
    [InlineData("""{"arch":"a","median_ms":NaN}""", "invalid JSON")]
    [InlineData("""{"arch":"a","median_ms":-1}""", "'median_ms' must be > 0")]
    [InlineData("""{"arch":"a","median_ms":1,"std_ms":-0.1}""", "'std_ms' must be >= 0")]
    [InlineData("""{"arch":"a","median_ms":1,"runs":0}""", "'runs' must be >= 1")]
    [InlineData("""{"arch":"a","median_ms":1,"min_ms":0}""", "'min_ms' must be > 0 and at most 'median_ms' (1)")]
    [InlineData("""{"arch":"a","median_ms":1,"min_ms":1.2}""", "'min_ms' must be > 0 and at most 'median_ms' (1), got 1.2")]
    [InlineData("""{"arch":"a","median_ms":1,"batch":1.5}""", "'batch' must be an integer")]
    [InlineData("[1,2]", "not a JSON result line")]
    public void GarbageIsAnErrorNamingSourceAndLine(string line, string problem)
    {
        var e = Assert.Throws<AgentProtocolException>(() => AgentOutputParser.Parse(line, "agent output", 17));
        Assert.StartsWith("agent output:17: ", e.Message);
        Assert.Contains(problem, e.Message);
    }

    [Fact]
    public void TemplatesFillPlaceholdersAndQuoteTheArchitecture()
    {
        var t = new AgentCommand("run --space {space} -b {batch} -t {threads} -i {input} -w {warmup} -n {runs} {arch}");
        Assert.True(t.PerArchitecture);
        Assert.Equal("run --space fbnet -b 64 -t 2 -i 224 -w 3 -n 9 '{\"a\":'\\''x'\\''}'",
            t.Render("fbnet", new MeasurementSetting(64, 2, 224), 3, 9, "{\"a\":'x'}"));
        Assert.False(new AgentCommand("agent --space {space}").PerArchitecture);
        var e = Assert.Throws<InvalidOptionException>(() => new AgentCommand("agent --batch {batchsize}"));
        Assert.Contains("unknown placeholder '{batchsize}'", e.Message);
    }

    [Fact]
    public void SavedAgentOutputIsReadWithItsSettingAndCanonicalArchitectures()
    {
        var space = new NasBench201Space();
        var arch = space.Format(space.Enumerate().ElementAt(5));
        var path = Path.GetTempFileName();
        File.WriteAllLines(path, [
            "# agent runtime=x",
            $$"""{"arch":"{{arch}}","median_ms":4.5,"runs":10,"batch":1,"threads":1,"input":32,"runtime":"pt"}""",
            $$"""{"arch":"{{arch}}x","error":"cannot build"}""",
        ]);
        var (ms, failures) = AgentOutputFile.Read(path, space, "h100");
        Assert.Equal(new MeasurementSetting(1, 1, 32), Assert.Single(ms).Setting);
        Assert.Single(failures);
        var e = Assert.Throws<DataFormatException>(() => AgentOutputFile.Read(path, space, "h100", new MeasurementSetting(64, 0, 0)));
        Assert.Contains(":2:", e.Message);
        File.AppendAllLines(path, ["""{"arch":"|bogus~0|","median_ms":1}"""]);
        e = Assert.Throws<DataFormatException>(() => AgentOutputFile.Read(path, space, "h100"));
        Assert.Contains(":4: column 'arch'", e.Message);
        File.WriteAllLines(path, [$$"""{"arch":"{{arch}}","median_ms":4.5,"threads":2}""", "12.5 ms"]);
        var garbled = Assert.Throws<AgentProtocolException>(() => AgentOutputFile.Read(path, space, "h100"));
        Assert.StartsWith(path + ":2: not a JSON result line", garbled.Message);
        File.WriteAllLines(path, [$$"""{"arch":"{{arch}}","median_ms":4.5,"threads":2}"""]);
        // Unknown (zero) fields of the import's setting are filled from the line; known ones are kept.
        Assert.Equal(new MeasurementSetting(1, 2, 224), Assert.Single(AgentOutputFile.Read(path, space, "h100", new MeasurementSetting(1, 0, 224)).Measurements).Setting);
        File.Delete(path);
    }
}

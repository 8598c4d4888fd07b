using OneProxy.Reports;

namespace OneProxy.Tests.Reports;

public class OutputWritersTests
{
    private static OutputTable Sample() => new OutputTable("arch", "latency_ms")
        .Add("{\"ks\":[3,5],\"e\":[4]}", OutputTable.Num(1.5))
        .Add("a,b", OutputTable.Num(double.NaN));

    [Fact]
    public void CsvQuotesFieldsWithCommasAndQuotes()
    {
        var csv = CsvOutput.Write(Sample());
        Assert.Equal("arch,latency_ms\n\"{\"\"ks\"\":[3,5],\"\"e\"\":[4]}\",1.5\n\"a,b\",NaN\n", csv);
    }

    [Fact]
    public void JsonKeepsReadableCharactersUnescaped()
    {
        var json = JsonOutput.Write(new OutputTable("name", "cmp").Add("a>b", "<"));
        Assert.Contains("\"a>b\"", json);
        Assert.DoesNotContain("\\u003E", json);
        Assert.Contains("\"nan\": \"NaN\"", JsonOutput.Write(new { Nan = double.NaN }));
    }

    [Fact]
    public void TextTableAlignsNumbersRightAndHidesControlCharacters()
    {
        var text = TextOutput.Write(new OutputTable("device", "srcc").Add("a\u001b[31m", "0.9").Add("bb", "0.95"));
        Assert.DoesNotContain('\u001b', text);
        var lines = text.Split('\n');
        Assert.Equal(lines[1].Length, lines[2].Length);
    }

    [Fact]
    public void FormatNamesAreCheckedAtTheOption()
    {
        Assert.Equal(OutputFormat.Json, OutputFormats.Parse("JSON"));
        Assert.StartsWith("--format:", Assert.Throws<InvalidOptionException>(() => OutputFormats.Parse("xml")).Message);
    }
}

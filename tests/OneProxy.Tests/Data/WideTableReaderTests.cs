using OneProxy.Data;
using OneProxy.SearchSpaces;

namespace OneProxy.Tests.Data;

public class WideTableReaderTests
{
    private const string A = "|none~0|+|none~0|none~1|+|none~0|none~1|none~2|";
    private const string B = "|skip_connect~0|+|none~0|none~1|+|none~0|none~1|none~2|";
    private const string C = "|nor_conv_3x3~0|+|none~0|none~1|+|none~0|none~1|none~2|";
    private static readonly NasBench201Space Space = new();

    /// <summary>Reads a file that must fail; the error names file, line and column, and no table comes back.</summary>
    private static DataFormatException Fails(string content, int line, string? column, string problem)
    {
        using var f = TestData.Csv(content);
        WideTable? table = null;
        var e = Assert.Throws<DataFormatException>(() => table = WideTableReader.Read(f.Path, ValueKind.LatencyMs, Space));
        Assert.Null(table);
        Assert.Equal(f.Path, e.File);
        Assert.Equal(line, e.Line);
        Assert.Equal(column, e.Column);
        Assert.Contains(problem, e.Message);
        Assert.StartsWith($"{f.Path}:{line}:", e.Message);
        return e;
    }

    [Fact]
    public void ReadsArchitecturesAndValuesColumnMajor()
    {
        using var f = TestData.Csv($"index,arch,dev1,dev2\n0,{A},1.5,2\n1,{B},2.5,1\n");
        var t = WideTableReader.Read(f.Path, ValueKind.LatencyMs, Space);
        Assert.Equal(["dev1", "dev2"], t.ColumnNames);
        Assert.Equal([1.5, 2.5], t.Column("dev1").ToArray());
        Assert.Equal(Space.Parse(B), t.RequireArchitectures()[1]);
        Assert.Equal([0, 1], t.Indices);
    }

    [Fact]
    public void MissingValuesAreExcludedPerDeviceAndCounted()
    {
        using var f = TestData.Csv($"arch,dev1,dev2\n{A},-1,2\n{B},NaN,1\n{C},3,\n");
        var t = WideTableReader.Read(f.Path, ValueKind.LatencyMs, Space);
        Assert.Equal(2, t.MissingCounts["dev1"]);
        Assert.Equal(1, t.MissingCounts["dev2"]);
        Assert.Equal(3.0, t.Column("dev1")[2]);
        Assert.True(double.IsNaN(t.Column("dev2")[2]));
    }

    [Fact] public void UnknownOperation() => Fails($"index,arch,d\n0,{A},1\n1,|conv~0|+|none~0|none~1|+|none~0|none~1|none~2|,2\n", 3, "arch", "unknown operation 'conv'");
    [Fact] public void MalformedArchitecture() => Fails($"index,arch,d\n0,|none~0|,1\n", 2, "arch", "expected 3 nodes");
    [Fact] public void DuplicateArchitecture() => Fails($"index,arch,d\n0,{A},1\n1,{B},2\n2,{A},3\n", 4, "arch", "same network as line 2");
    [Fact] public void DuplicateIndex() => Fails($"index,arch,d\n0,{A},1\n0,{B},2\n", 3, "index", "duplicate index 0");
    [Fact] public void NonNumericValue() => Fails($"index,arch,d\n0,{A},fast\n", 2, "d", "'fast' is not a number");
    [Fact] public void NegativeValue() => Fails($"index,arch,d\n0,{A},-3.5\n", 2, "d", "negative value -3.5");
    [Fact] public void InfiniteValue() => Fails($"index,arch,d\n0,{A},Infinity\n", 2, "d", "not finite");
    [Fact] public void TruncatedRow() => Fails($"index,arch,d1,d2\n0,{A},1,2\n1,{B},3", 3, null, "has 3 fields but the header has 4");
    [Fact] public void NoKeyColumn() => Fails("name,d\nx,1\n", 1, null, "'index' or 'arch' key column");
    [Fact] public void DuplicateColumn() => Fails($"arch,d,d\n{A},1,2\n", 1, "d", "duplicate column name");
    [Fact] public void HeaderOnly() => Fails("index,d\n", 2, null, "no data rows");
    [Fact] public void EmptyFile() => Fails("", 1, null, "file is empty");
    [Fact] public void BadIndex() => Fails("index,d\nx7,1\n", 2, "index", "'x7' is not a non-negative integer");

    [Fact]
    public void AccuracyAbove100IsRejected()
    {
        using var f = TestData.Csv($"arch,acc\n{A},100.5\n");
        var e = Assert.Throws<DataFormatException>(() => WideTableReader.Read(f.Path, ValueKind.AccuracyPercent, Space));
        Assert.Contains("above 100%", e.Message);
    }

    [Fact]
    public void JoinsArchitecturesByIndexAndReportsUnknownIndices()
    {
        using var archs = TestData.Csv($"index,arch,acc\n0,{A},50\n1,{B},60\n");
        using var lat = TestData.Csv("index,d\n1,3.0\n0,2.0\n");
        var t = WideTableReader.ReadLatency(lat.Path, Space, archs.Path);
        Assert.Equal(Space.Parse(B), t.RequireArchitectures()[0]);
        using var bad = TestData.Csv("index,d\n5,3.0\n");
        var e = Assert.Throws<DataFormatException>(() => WideTableReader.ReadLatency(bad.Path, Space, archs.Path));
        Assert.Contains(":2: column 'index': index 5 has no architecture", e.Message);
    }

    [Fact]
    public void QuotedJsonArchitecturesAreParsed()
    {
        var s = new MobileNetV2Space();
        var a = s.Sample(new Random(1));
        var quoted = "\"" + s.Format(a).Replace("\"", "\"\"") + "\"";
        using var f = TestData.Csv($"arch,cpu\n{quoted},12.5\n");
        var t = WideTableReader.Read(f.Path, ValueKind.LatencyMs, s);
        Assert.Equal(a, t.RequireArchitectures()[0]);
    }

    [Fact]
    public void MissingFileIsReportedWithItsPath()
    {
        var e = Assert.Throws<FileNotFoundException>(() => WideTableReader.Read("/nonexistent/x.csv", ValueKind.LatencyMs, Space));
        Assert.Contains("/nonexistent/x.csv", e.Message);
    }
}

public class WideTableReaderLimitsTests
{
    [Fact]
    public void AnExtraFieldEarlyIsReportedAtItsLineNotAsAMissingKeyColumn()
    {
        using var f = TestData.Csv("index,dev\n0,1.5\n1,2.5,9\n");
        var e = Assert.Throws<DataFormatException>(() => WideTableReader.Read(f.Path, ValueKind.LatencyMs));
        Assert.Contains(":3:", e.Message);
        Assert.Contains("has 3 fields", e.Message);
    }

    [Fact]
    public void HugeNamesAndValuesAreRefusedAndQuotedShort()
    {
        using var wide = TestData.Csv($"index,{new string('d', 100_000)}\n0,1\n");
        var e = Assert.Throws<DataFormatException>(() => WideTableReader.Read(wide.Path, ValueKind.LatencyMs));
        Assert.True(e.Message.Length < 400, $"message is {e.Message.Length} chars");
        using var big = TestData.Csv("index,dev\n0,1e308\n");
        Assert.Contains("implausibly large", Assert.Throws<DataFormatException>(() => WideTableReader.Read(big.Path, ValueKind.LatencyMs)).Message);
        using var text = TestData.Csv($"index,dev\n0,{new string('x', 100_000)}\n");
        Assert.True(Assert.Throws<DataFormatException>(() => WideTableReader.Read(text.Path, ValueKind.LatencyMs)).Message.Length < 400);
    }

    [Fact]
    public void ControlCharactersInColumnNamesAreRefused()
    {
        using var f = TestData.Csv("index,bad\u0007name\n0,1\n");
        Assert.Contains("control characters", Assert.Throws<DataFormatException>(() => WideTableReader.Read(f.Path, ValueKind.LatencyMs)).Message);
    }

    [Fact]
    public void AGivenArchitecturesFileThatDoesNotExistIsAnError()
    {
        using var f = TestData.Csv("index,dev\n0,1\n");
        var e = Assert.Throws<FileNotFoundException>(() => WideTableReader.ReadLatency(f.Path, new OneProxy.SearchSpaces.NasBench201Space(), "/nonexistent/nope.csv"));
        Assert.StartsWith("--architectures:", e.Message);
    }
}

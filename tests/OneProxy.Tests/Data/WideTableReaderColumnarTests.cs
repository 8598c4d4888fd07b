using OneProxy.Data;

namespace OneProxy.Tests.Data;

/// <summary>The span fast path, chunked columns and the bit-set index check keep the reader's results and messages.</summary>
public class WideTableReaderColumnarTests
{
    private static DataFormatException Fail(string csv)
    {
        using var f = TestData.Csv(csv);
        return Assert.Throws<DataFormatException>(() => WideTableReader.Read(f.Path, ValueKind.LatencyMs));
    }

    [Fact]
    public void DuplicateIndexAfterBlankLinesNamesTheFirstLine()
    {
        var e = Fail("index,d\n0,1\n\n\n5,2\n7,3\n5,4\n");
        Assert.Contains(":7:", e.Message);
        Assert.Contains("duplicate index 5 (first on line 5)", e.Message);
    }

    [Fact]
    public void HugeIndexValuesStillFindDuplicates()
    {
        var e = Fail("index,d\n2000000000,1\n3,2\n2000000000,3\n");
        Assert.Contains("duplicate index 2000000000 (first on line 2)", e.Message);
    }

    [Fact]
    public void SpacedAndSpecialFieldsReadAsBefore()
    {
        using var f = TestData.Csv("index,a,b\n 0 , 1.5 ,NaN\n1,-1,\n2,1e3,  nan\n3,2.5,0.25\n");
        var t = WideTableReader.Read(f.Path, ValueKind.LatencyMs);
        Assert.Equal(new[] { 0, 1, 2, 3 }, t.Indices);
        Assert.Equal(new[] { 1.5, double.NaN, 1000, 2.5 }, t.Column("a").ToArray());
        Assert.Equal(new[] { double.NaN, double.NaN, double.NaN, 0.25 }, t.Column("b").ToArray());
        Assert.Equal(1, t.MissingCounts["a"]);
    }

    [Fact]
    public void ManyRowsCrossChunkBoundaries()
    {
        int rows = 70_000; // more than one 65,536-value chunk
        var sb = new System.Text.StringBuilder("index,x\n");
        for (int r = 0; r < rows; r++) sb.Append(r).Append(',').Append((r + 1) * 0.5).Append('\n');
        using var f = TestData.Csv(sb.ToString());
        var t = WideTableReader.Read(f.Path, ValueKind.LatencyMs);
        Assert.Equal(rows, t.RowCount);
        var x = t.Column("x");
        for (int r = 0; r < rows; r += 997) Assert.Equal((r + 1) * 0.5, x[r]);
        Assert.Equal(rows * 0.5, x[rows - 1]);
        Assert.Equal(rows - 1, t.Indices![rows - 1]);
    }

    [Fact]
    public void AccuracyAbove100AndHugeValuesKeepTheirMessages()
    {
        using var f = TestData.Csv("index,acc\n0,100.5\n");
        var e = Assert.Throws<DataFormatException>(() => WideTableReader.Read(f.Path, ValueKind.AccuracyPercent));
        Assert.Contains("accuracy 100.5 is above 100%", e.Message);
        Assert.Contains("implausibly large", Fail("index,d\n0,2e12\n").Message);
    }
}

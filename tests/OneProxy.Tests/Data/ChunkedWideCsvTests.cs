using System.Globalization;
using System.Text;
using OneProxy.Data;
using OneProxy.SearchSpaces;

namespace OneProxy.Tests.Data;

/// <summary>
/// The chunked span parser (the file reader's fast path) returns the general reader's table for
/// every file it takes, across chunk and window boundaries; anything unusual or wrong is left
/// to the general reader (null), so the error a user sees is that reader's.
/// </summary>
public class ChunkedWideCsvTests
{
    private static readonly ISearchSpace Space = SearchSpaceRegistry.Get("nasbench201");

    private static string Table(int rows, string newline = "\n", bool finalNewline = true, bool byArch = false)
    {
        var rng = new Random(3);
        var archs = byArch ? Space.Enumerate().Take(rows).ToArray() : null;
        var sb = new StringBuilder(byArch ? "arch" : "index").Append(",dev_a, dev_b ,dev_c,dev_d").Append(newline);
        for (int r = 0; r < rows; r++)
        {
            sb.Append(byArch ? Space.Format(archs![r]) : (r * 7 % rows).ToString(CultureInfo.InvariantCulture));
            for (int c = 0; c < 4; c++)
            {
                sb.Append(',');
                sb.Append(rng.Next(12) switch
                {
                    0 => "-1",
                    1 => "",
                    2 => " nan ",
                    3 => "1.5e2",
                    4 => (rng.NextDouble() * 100).ToString("R", CultureInfo.InvariantCulture), // 17 digits: the general parser
                    5 => " 3 ",
                    6 => "+4.25",
                    _ => (Math.Round(rng.NextDouble() * 1000, 3) + 0.001).ToString(CultureInfo.InvariantCulture),
                });
            }
            if (r < rows - 1 || finalNewline) sb.Append(newline);
        }
        return sb.ToString();
    }

    private static void AssertSameTable(WideTable expected, WideTable actual)
    {
        Assert.Equal(expected.RowCount, actual.RowCount);
        Assert.Equal(expected.ColumnNames, actual.ColumnNames);
        Assert.Equal(expected.Indices, actual.Indices);
        Assert.Equal(expected.Architectures, actual.Architectures);
        for (int c = 0; c < expected.ColumnNames.Count; c++)
        {
            Assert.Equal(expected.Column(c).ToArray(), actual.Column(c).ToArray()); // bit-equal, NaN included
            Assert.Equal(expected.MissingCounts[expected.ColumnNames[c]], actual.MissingCounts[actual.ColumnNames[c]]);
        }
    }

    [Theory]
    [InlineData("\n", true, 1, 16)]
    [InlineData("\n", false, 97, 64)]
    [InlineData("\r\n", true, 4096, 1 << 20)]
    [InlineData("\r\n", false, 1 << 20, 33)]
    public void TinyChunksAndWindowsGiveTheGeneralReadersTable(string newline, bool finalNewline, int chunkBytes, int windowBytes)
    {
        using var f = TestData.Csv(Table(2_000, newline, finalNewline));
        var fast = ChunkedWideCsv.TryRead(f.Path, ValueKind.LatencyMs, null, null, false, null, chunkBytes, windowBytes);
        Assert.NotNull(fast);
        AssertSameTable(WideTableReader.ReadGeneral(f.Path, ValueKind.LatencyMs), fast);
    }

    [Fact]
    public void ArchitecturesJoinsAndColumnSubsetsAgree()
    {
        using var byArch = TestData.Csv(Table(500, byArch: true));
        AssertSameTable(WideTableReader.ReadGeneral(byArch.Path, ValueKind.LatencyMs, Space),
            ChunkedWideCsv.TryRead(byArch.Path, ValueKind.LatencyMs, Space, null, false, null, 300, 100)!);

        var map = Space.Enumerate().Take(500).Select((a, i) => (a, i)).ToDictionary(p => p.i, p => p.a);
        using var byIndex = TestData.Csv(Table(500));
        AssertSameTable(WideTableReader.ReadGeneral(byIndex.Path, ValueKind.LatencyMs, Space, map),
            ChunkedWideCsv.TryRead(byIndex.Path, ValueKind.LatencyMs, Space, map, false, null, 300, 100)!);

        string[] only = ["dev_d", "dev_a"];
        AssertSameTable(WideTableReader.ReadGeneral(byIndex.Path, ValueKind.LatencyMs, only: only),
            ChunkedWideCsv.TryRead(byIndex.Path, ValueKind.LatencyMs, null, null, false, only, 300, 100)!);
    }

    [Theory]
    [InlineData("index,a,b\n0,1,\"2\"\n", "a quote (RFC 4180 quoting is the general reader's)")]
    [InlineData("index,a,b\n0,1,2\r1,3,4\n", "a carriage return that is not a line break")]
    [InlineData("index,a,b\n0,1,2\n\n1,3,4\n", "a blank line")]
    [InlineData("index,a,b\n0,1,2\n1,3\n", "a missing field")]
    [InlineData("index,a,b\n0,1,2\n1,3,x\n", "a bad number")]
    [InlineData("index,a,b\n0,1,2\n0,3,4\n", "a duplicate index")]
    [InlineData("index,a,b\n0,1,2\n1,3,0\n", "a latency of 0")]
    [InlineData("index,a,a\n0,1,2\n", "a duplicate column")]
    [InlineData("index,a,b\n", "no data rows")]
    [InlineData("", "an empty file")]
    public void LeavesWhatItIsNotSureOfToTheGeneralReader(string text, string why)
    {
        using var f = TestData.Csv(text);
        Assert.True(ChunkedWideCsv.TryRead(f.Path, ValueKind.LatencyMs, null, null, false, null, 4, 8) is null, why);
        // And the file reader then reports what the general reader reports, word for word.
        string? general = null, read = null;
        try { WideTableReader.ReadGeneral(f.Path, ValueKind.LatencyMs); } catch (DataFormatException e) { general = e.Message; }
        try { WideTableReader.Read(f.Path, ValueKind.LatencyMs); } catch (DataFormatException e) { read = e.Message; }
        Assert.Equal(general, read);
        if (why.Contains("quote") || why.Contains("carriage") || why.Contains("blank")) return; // valid files the general reader takes
        Assert.NotNull(read);
    }
}

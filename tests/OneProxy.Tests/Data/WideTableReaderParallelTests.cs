using System.Globalization;
using System.Text;
using OneProxy.Data;

namespace OneProxy.Tests.Data;

/// <summary>
/// Files of <see cref="WideTableReader.ParallelFromBytes"/> and more are parsed on several
/// threads: the table and the first error (message and line) must be those of the sequential reader.
/// </summary>
public class WideTableReaderParallelTests
{
    private const int Rows = 60_000, Columns = 12;

    private static StringBuilder Big(Action<int, StringBuilder>? row = null)
    {
        var rng = new Random(5);
        var sb = new StringBuilder("index");
        for (int c = 0; c < Columns; c++) sb.Append(",dev").Append(c);
        sb.Append('\n');
        for (int r = 0; r < Rows; r++)
        {
            if (row is not null && sb.Length > 0) row(r, sb);
            sb.Append(r);
            for (int c = 0; c < Columns; c++)
            {
                sb.Append(',');
                // Plain decimals, long ones (general parser), exponents and missing markers.
                switch (rng.Next(20))
                {
                    case 0: sb.Append("-1"); break;
                    case 1: sb.Append(""); break;
                    case 2: sb.Append((rng.NextDouble() * 100).ToString("R", CultureInfo.InvariantCulture)); break;
                    case 3: sb.Append("1.5e2"); break;
                    default: sb.Append((Math.Round(rng.NextDouble() * 1000, 3) + 0.001).ToString(CultureInfo.InvariantCulture)); break; // never 0: not a latency
                }
            }
            sb.Append('\n');
        }
        return sb;
    }

    [Fact]
    public void ParallelReadEqualsTheSequentialReader()
    {
        var text = Big().ToString();
        Assert.True(Encoding.UTF8.GetByteCount(text) >= WideTableReader.ParallelFromBytes, "the file must be large enough for the parallel path");
        using var f = TestData.Csv(text);
        var parallel = WideTableReader.Read(f.Path, ValueKind.LatencyMs);
        var sequential = WideTableReader.Read(new StringReader(text), f.Path, ValueKind.LatencyMs);
        Assert.Equal(Rows, parallel.RowCount);
        Assert.Equal(sequential.Indices, parallel.Indices);
        Assert.Equal(sequential.ColumnNames, parallel.ColumnNames);
        for (int c = 0; c < Columns; c++)
        {
            Assert.Equal(sequential.Column(c).ToArray(), parallel.Column(c).ToArray());
            Assert.Equal(sequential.MissingCounts[$"dev{c}"], parallel.MissingCounts[$"dev{c}"]);
        }
        // Plain decimals go through the fast parser: they must agree with double.Parse.
        var lines = text.Split('\n');
        for (int r = 0; r < 500; r++)
        {
            var fields = lines[r + 1].Split(',');
            for (int c = 0; c < Columns; c++)
            {
                var field = fields[c + 1];
                double expected = field.Length == 0 || field == "-1" ? double.NaN : double.Parse(field, CultureInfo.InvariantCulture);
                Assert.Equal(expected, parallel.Column(c)[r]);
            }
        }
    }

    [Theory]
    [InlineData(30_000, 35_000, "duplicate index 7 (first on line 9)", 30_002)]   // duplicate before a bad value
    [InlineData(36_000, 31_000, "'abc' is not a number", 31_002)]                 // bad value before a duplicate
    public void TheFirstProblemInTheFileIsReported(int duplicateAt, int badValueAt, string message, int line)
    {
        var sb = Big((r, b) =>
        {
            if (r == duplicateAt) b.Append("7,1,2,3,4,5,6,7,8,9,10,11,12\n");
            if (r == badValueAt) b.Append("99999999,1,2,abc,4,5,6,7,8,9,10,11,12\n");
        });
        using var f = TestData.Csv(sb.ToString());
        var e = Assert.Throws<DataFormatException>(() => WideTableReader.Read(f.Path, ValueKind.LatencyMs));
        Assert.Contains(message, e.Message);
        Assert.Contains($":{line}:", e.Message);
        var sequential = Assert.Throws<DataFormatException>(() => WideTableReader.Read(new StringReader(sb.ToString()), f.Path, ValueKind.LatencyMs));
        Assert.Equal(sequential.Message, e.Message);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("17")]
    [InlineData("0.001")]
    [InlineData("12.345")]
    [InlineData(".5")]
    [InlineData("5.")]
    [InlineData("000123.4500")]
    [InlineData("999999999999999")]
    [InlineData("0.1234567890123")]
    [InlineData("123456.789012345")]
    [InlineData("0.0000000000000000000001")]
    public void FastDecimalGivesTheBitsOfDoubleParse(string text)
    {
        Assert.True(FastDecimal.TryParse(Encoding.ASCII.GetBytes(text), out var v));
        Assert.Equal(BitConverter.DoubleToInt64Bits(double.Parse(text, CultureInfo.InvariantCulture)), BitConverter.DoubleToInt64Bits(v));
    }

    [Theory]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("-1")]
    [InlineData("1e3")]
    [InlineData("+2")]
    [InlineData("NaN")]
    [InlineData("1.2.3")]
    [InlineData("1234567890123456")]
    [InlineData("0.00000000000000000000001")]
    public void FastDecimalLeavesEverythingElseToTheGeneralParser(string text) =>
        Assert.False(FastDecimal.TryParse(Encoding.ASCII.GetBytes(text), out _));

    [Fact]
    public void FastDecimalAgreesWithDoubleParseOnRandomDecimals()
    {
        var rng = new Random(13);
        for (int i = 0; i < 200_000; i++)
        {
            int intDigits = rng.Next(0, 9), fracDigits = rng.Next(0, 8);
            var s = new StringBuilder();
            for (int d = 0; d < intDigits; d++) s.Append((char)('0' + rng.Next(10)));
            if (fracDigits > 0 || intDigits == 0) s.Append('.');
            for (int d = 0; d < Math.Max(fracDigits, intDigits == 0 ? 1 : 0); d++) s.Append((char)('0' + rng.Next(10)));
            var text = s.ToString();
            Assert.True(FastDecimal.TryParse(Encoding.ASCII.GetBytes(text), out var v), text);
            Assert.Equal(double.Parse(text, CultureInfo.InvariantCulture), v);
        }
    }
}

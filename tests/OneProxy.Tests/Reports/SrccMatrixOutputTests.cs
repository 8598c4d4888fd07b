using System.Globalization;
using System.Text;
using OneProxy.Monotonicity;
using OneProxy.Reports;

namespace OneProxy.Tests.Reports;

/// <summary>The streamed matrix writers give the bytes the whole-string formatters gave before they streamed.</summary>
public class SrccMatrixOutputTests
{
    private static SrccMatrix WithMissingValues()
    {
        // Ties, a constant column (NaN SRCC) and missing values, so every branch of every format is hit.
        var columns = new[]
        {
            new[] { 1.0, 2, 3, 4, 5, 6 },
            new[] { 2.0, 1, 4, 3, 6, 5 },
            new[] { 6.0, 5, 4, 3, 2, 1 },
            new[] { 1.0, 1, 1, 1, 1, 1 },
            new[] { 1.0, double.NaN, 3, 2, 5, 4 },
        };
        return SrccMatrix.Compute(["a", "b,quoted", "c", "constant", "with_missing"], columns);
    }

    public static TheoryData<string> Matrices => ["nasbench201", "small"];

    private static SrccMatrix Matrix(string which) => which == "small" ? WithMissingValues() : SrccMatrix.Compute(TestData.NasBench201Latency);

    [SkippableTheory]
    [MemberData(nameof(Matrices))]
    public void CsvEqualsTheTableWrittenWhole(string which)
    {
        var m = Matrix(which);
        Assert.Equal(CsvOutput.Write(SrccMatrixOutput.Table(m)), SrccMatrixOutput.Csv(m));
    }

    [SkippableTheory]
    [MemberData(nameof(Matrices))]
    public void JsonEqualsTheSerializedObject(string which)
    {
        var m = Matrix(which);
        int d = m.Devices.Count;
        var values = Enumerable.Range(0, d).Select(i => Enumerable.Range(0, d).Select(j => double.IsNaN(m[i, j]) ? (double?)null : Math.Round(m[i, j], 6)).ToArray()).ToArray();
        var pairs = Enumerable.Range(0, d).Select(i => Enumerable.Range(0, d).Select(j => m.PairCount(i, j)).ToArray()).ToArray();
        var expected = JsonOutput.Write(new { devices = m.Devices, threshold = 0.9, srcc = values, pairs });
        Assert.Equal(expected, SrccMatrixOutput.Json(m, 0.9));
    }

    [SkippableTheory]
    [MemberData(nameof(Matrices))]
    public void TextEqualsTheFormerWholeStringLayout(string which)
    {
        var m = Matrix(which);
        foreach (var threshold in new[] { 0.9, 0.5, -1.0 })
            Assert.Equal(FormerText(m, threshold), SrccMatrixOutput.Text(m, threshold));
    }

    // The text formatter as it was before it streamed (every weak pair listed, then a stable sort).
    private static string FormerText(SrccMatrix m, double threshold)
    {
        var inv = CultureInfo.InvariantCulture;
        int d = m.Devices.Count;
        int w = m.Devices.Max(x => x.Length);
        var sb = new StringBuilder();
        sb.Append(' ', w + 5);
        for (int j = 0; j < d; j++) sb.Append((j + 1).ToString(inv).PadLeft(5));
        sb.Append('\n');
        for (int i = 0; i < d; i++)
        {
            sb.Append((i + 1).ToString(inv).PadLeft(3)).Append(' ').Append(m.Devices[i].PadRight(w + 1));
            for (int j = 0; j < d; j++) sb.Append((double.IsNaN(m[i, j]) ? "n/a" : m[i, j].ToString("0.00", inv)).PadLeft(5));
            sb.Append('\n');
        }
        var weak = new List<(string, string, double)>();
        for (int i = 0; i < d; i++) for (int j = i + 1; j < d; j++) if (m[i, j] < threshold) weak.Add((m.Devices[i], m.Devices[j], m[i, j]));
        sb.Append(inv, $"\n{weak.Count} of {d * (d - 1) / 2} device pairs have SRCC < {threshold:0.00}");
        if (weak.Count > 0)
        {
            sb.Append("; weakest:\n");
            foreach (var (a, b, v) in weak.OrderBy(x => x.Item3).Take(5)) sb.Append(inv, $"  {a} vs {b}: {v:0.0000}\n");
        }
        else sb.Append('\n');
        return sb.ToString();
    }
}

using System.Globalization;
using System.Text;
using OneProxy.Monotonicity;

namespace OneProxy.Reports;

/// <summary>Text, CSV and JSON forms of an SRCC matrix.</summary>
public static class SrccMatrixOutput
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Square table: device names in the header row and the first column; values to 4 decimals, empty where undefined.</summary>
    public static OutputTable Table(SrccMatrix m)
    {
        var t = new OutputTable(["device", .. m.Devices]);
        for (int i = 0; i < m.Devices.Count; i++)
            t.Add([m.Devices[i], .. Enumerable.Range(0, m.Devices.Count).Select(j => Num(m[i, j]))]);
        return t;
    }

    public static string Csv(SrccMatrix m) => CsvOutput.Write(Table(m));

    /// <summary>The matrix with its pair counts (how many architectures each SRCC rests on); null where undefined.</summary>
    public static string Json(SrccMatrix m, double threshold)
    {
        int d = m.Devices.Count;
        var values = Enumerable.Range(0, d).Select(i => Enumerable.Range(0, d).Select(j => double.IsNaN(m[i, j]) ? (double?)null : Math.Round(m[i, j], 6)).ToArray()).ToArray();
        var pairs = Enumerable.Range(0, d).Select(i => Enumerable.Range(0, d).Select(j => m.PairCount(i, j)).ToArray()).ToArray();
        return JsonOutput.Write(new { devices = m.Devices, threshold, srcc = values, pairs });
    }

    /// <summary>Numbered columns (device names are long), 2 decimals, then the weakest pairs.</summary>
    public static string Text(SrccMatrix m, double threshold)
    {
        int d = m.Devices.Count;
        int w = m.Devices.Max(x => x.Length);
        var sb = new StringBuilder();
        sb.Append(' ', w + 5);
        for (int j = 0; j < d; j++) sb.Append((j + 1).ToString(Inv).PadLeft(5));
        sb.Append('\n');
        for (int i = 0; i < d; i++)
        {
            sb.Append((i + 1).ToString(Inv).PadLeft(3)).Append(' ').Append(m.Devices[i].PadRight(w + 1));
            for (int j = 0; j < d; j++) sb.Append((double.IsNaN(m[i, j]) ? "n/a" : m[i, j].ToString("0.00", Inv)).PadLeft(5));
            sb.Append('\n');
        }
        var weak = new List<(string, string, double)>();
        for (int i = 0; i < d; i++) for (int j = i + 1; j < d; j++) if (m[i, j] < threshold) weak.Add((m.Devices[i], m.Devices[j], m[i, j]));
        sb.Append(Inv, $"\n{weak.Count} of {d * (d - 1) / 2} device pairs have SRCC < {threshold:0.00}");
        if (weak.Count > 0)
        {
            sb.Append("; weakest:\n");
            foreach (var (a, b, v) in weak.OrderBy(x => x.Item3).Take(5)) sb.Append(Inv, $"  {a} vs {b}: {v:0.0000}\n");
        }
        else sb.Append('\n');
        return sb.ToString();
    }

    public static string Num(double v) => double.IsNaN(v) ? "" : v.ToString("0.0000", Inv);
}

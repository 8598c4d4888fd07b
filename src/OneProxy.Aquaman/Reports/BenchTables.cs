using System.Globalization;
using System.Text;
using OneProxy.Aquaman.Evaluation;

namespace OneProxy.Aquaman.Reports;

/// <summary>Text and CSV of <c>aquaman bench</c>.</summary>
public static class BenchTables
{
    public static string Format(IReadOnlyList<BenchRow> rows, bool csv)
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        if (csv) sb.Append("what,setting,parameters,p50_ms,p99_ms,mean_ms,repeats\n");
        else sb.Append(inv, $"Aquaman timings on {Environment.ProcessorCount} cores\n\n");
        foreach (var r in rows)
        {
            if (csv) sb.Append(inv, $"{r.What},{r.Setting},{r.Parameters},{r.P50Ms:0.0000},{r.P99Ms:0.0000},{r.MeanMs:0.0000},{r.Repeats}\n");
            else sb.Append(inv, $"{r.What,-52} {r.Setting,-22} p={r.Parameters,5}  p50 {r.P50Ms,9:0.000} ms  p99 {r.P99Ms,9:0.000} ms  mean {r.MeanMs,9:0.000} ms  (n={r.Repeats})\n");
        }
        return sb.ToString();
    }
}

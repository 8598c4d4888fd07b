using System.Globalization;
using System.Text;
using OneProxy.Reports;

namespace OneProxy.Application.Transfer;

/// <summary>The constrain result as a table (CSV/JSON) and as the aligned summary quoted in docs/transfer.md.</summary>
public static class ConstrainOutput
{
    public static OutputTable Table(ConstrainReport report)
    {
        var t = new OutputTable("target", "max_latency_ms", "latency_ms", "accuracy", "oracle_accuracy", "accuracy_gap", "met", "within_tolerance", "target_measurements", "arch");
        foreach (var r in report.Rows)
            t.Add(r.Target, OutputTable.Num(r.MaxLatencyMs, "G5"), OutputTable.Num(r.LatencyMs, "G5"), OutputTable.Num(r.Accuracy, "0.00"),
                OutputTable.Num(r.OracleAccuracy, "0.00"), OutputTable.Num(r.AccuracyGap, "0.00"), Flag(r.Met), Flag(r.WithinTolerance),
                OutputTable.Num(r.TargetMeasurements), r.Arch ?? "");
        return t;
    }

    public static string Text(ConstrainReport report)
    {
        var table = Table(report);
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder($"{"target",-15} {"limit ms",9} {"latency",9} {"acc",6} {"oracle",6} {"gap",5} met  tol  meas\n");
        foreach (var c in table.Rows)
            sb.Append(inv, $"{c[0],-15} {c[1],9} {c[2],9} {c[3],6} {c[4],6} {c[5],5} {c[6],3} {c[7],4} {c[8],5}\n");
        var rows = report.Rows;
        var within = rows.Where(r => r.WithinTolerance).ToArray();
        sb.Append(inv, $"\n{rows.Count} constraints: met strictly {rows.Count(r => r.Met)}, within tolerance {within.Length}, ")
          .Append(inv, $"max measurements {(rows.Count == 0 ? 0 : rows.Max(r => r.TargetMeasurements))}, mean accuracy gap to the oracle {(within.Length == 0 ? double.NaN : within.Average(r => r.AccuracyGap)):0.00} points\n");
        return sb.ToString();
    }

    private static string Flag(bool value) => value ? "1" : "0";
}

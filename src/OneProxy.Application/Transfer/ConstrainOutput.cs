using System.Globalization;
using System.Text;
using OneProxy.Reports;

namespace OneProxy.Application.Transfer;

/// <summary>
/// The constrain result as a table (CSV), as JSON with each row's bisection trace and explanation,
/// and as the aligned summary quoted in docs/transfer.md (the trace and the explanation under it).
/// </summary>
public static class ConstrainOutput
{
    public static OutputTable Table(ConstrainReport report)
    {
        string acc = AccuracyColumn(report);
        var t = new OutputTable("target", "max_latency_ms", "measured_latency_ms", acc, "oracle_accuracy", "accuracy_gap", "met", "within_tolerance", "target_measurements", "arch");
        foreach (var r in report.Rows)
            t.Add(r.Target, OutputTable.Num(r.MaxLatencyMs, "G5"), OutputTable.Num(r.LatencyMs, "G5"), OutputTable.Num(r.Accuracy, "0.00"),
                OutputTable.Num(r.OracleAccuracy, "0.00"), OutputTable.Num(r.AccuracyGap, "0.00"), Flag(r.Met), Flag(r.WithinTolerance),
                OutputTable.Num(r.TargetMeasurements), r.Arch ?? "");
        return t;
    }

    /// <summary>measured_accuracy (a table of trained networks) or predicted_accuracy (an MLP).</summary>
    public static string AccuracyColumn(ConstrainReport report) => report.AccuracyPredicted ? FrontTable.PredictedAccuracy : FrontTable.MeasuredAccuracy;

    public static string Text(ConstrainReport report)
    {
        var table = Table(report);
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder($"{"target",-15} {"limit ms",9} {"measured",9} {"acc",6} {"oracle",6} {"gap",5} met  tol  meas\n");
        foreach (var c in table.Rows)
            sb.Append(inv, $"{c[0],-15} {c[1],9} {c[2],9} {c[3],6} {c[4],6} {c[5],5} {c[6],3} {c[7],4} {c[8],5}\n");
        var rows = report.Rows;
        var within = rows.Where(r => r.WithinTolerance).ToArray();
        sb.Append(inv, $"\n{rows.Count} constraints: met strictly {rows.Count(r => r.Met)}, within tolerance {within.Length}, ")
          .Append(inv, $"max measurements {(rows.Count == 0 ? 0 : rows.Max(r => r.TargetMeasurements))}, mean accuracy gap to the oracle {(within.Length == 0 ? double.NaN : within.Average(r => r.AccuracyGap)):0.00} points\n");
        foreach (var r in rows)
        {
            sb.Append(inv, $"\n{r.Target} <= {r.MaxLatencyMs:G5} ms: bisection on t\n  {"t",6} {"predicted ms",12} {"measured ms",11} {"accuracy",8}\n");
            foreach (var s in r.Steps)
                sb.Append(inv, $"  {s.T,6:0.000} {s.Predicted.LatencyMs,12:G5} {s.MeasuredLatencyMs,11:G5} {s.Predicted.AccuracyPercent,8:0.00}\n");
            sb.Append("  why: ").Append(r.Explanation).Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>Rows with their traces; snake_case keys, latencies labelled predicted (on the proxy) or measured (on the target).</summary>
    public static string Json(ConstrainReport report) => JsonOutput.Write(new
    {
        AccuracyKind = report.AccuracyPredicted ? "predicted" : "measured",
        Rows = report.Rows.Select(r => new
        {
            r.Target,
            r.MaxLatencyMs,
            MeasuredLatencyMs = r.LatencyMs,
            r.Accuracy,
            r.OracleAccuracy,
            r.AccuracyGap,
            r.Met,
            r.WithinTolerance,
            r.TargetMeasurements,
            r.Arch,
            Trace = r.Steps.Select(s => new { s.T, PredictedLatencyMs = s.Predicted.LatencyMs, MeasuredLatencyMs = s.MeasuredLatencyMs, s.Predicted.AccuracyPercent }),
            r.Explanation,
        }),
    });

    private static string Flag(bool value) => value ? "1" : "0";
}

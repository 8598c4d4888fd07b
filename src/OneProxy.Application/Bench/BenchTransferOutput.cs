using System.Globalization;
using System.Text;
using OneProxy.Reports;

namespace OneProxy.Application.Bench;

/// <summary>The transfer benchmark as a table (CSV/JSON; docs/transfer-nasbench201.csv) and as the aligned text of docs/transfer-nasbench201.txt.</summary>
public static class BenchTransferOutput
{
    public static OutputTable Table(BenchTransferReport report)
    {
        var t = new OutputTable("target", "srcc_before", "srcc_after", "hv_ratio_proxy", "hv_ratio_adapted", "target_measurements",
            "min_hv_ratio_adapted", "max_target_measurements", "adapted_fraction", "hv_ratio_flops", "hv_ratio_per_device", "per_device_measurements",
            "oracle_front_size", "seeds", "hv_ratio_all_data", "all_data_measurements");
        static string F(double v) => OutputTable.Num(v, "0.0000");
        foreach (var r in report.Rows)
            t.Add(r.Target, F(r.SrccBefore), F(r.SrccAfter), F(r.HvRatioProxy), F(r.HvRatioAdapted), OutputTable.Num(r.TargetMeasurements, "0.##"),
                F(r.MinHvRatioAdapted), OutputTable.Num(r.MaxTargetMeasurements), OutputTable.Num(r.AdaptedFraction, "0.00"), F(r.HvRatioFlops), F(r.HvRatioPerDevice),
                OutputTable.Num(r.PerDeviceMeasurements), OutputTable.Num(r.OracleFrontSize), OutputTable.Num(r.Seeds), F(r.HvRatioAllData), OutputTable.Num(r.AllDataMeasurements));
        return t;
    }

    public static string Text(BenchTransferReport report)
    {
        var (rows, o) = (report.Rows, report.Options);
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.Append(inv, $"Hypervolume ratio vs the target's oracle front (proxy {report.Proxy}; sample {o.SampleSize}, budget {o.Budget}, threshold {o.SrccThreshold}; {rows[0].Seeds} seeds)\n\n");
        int w = Math.Max(8, rows.Max(r => r.Target.Length));
        sb.Append(inv, $"{"target".PadRight(w)}  srcc before  after   hv proxy-only  hv adapted (min)  measured (max)  adapted   hv flops  hv per-device  hv all-data (measured)\n");
        foreach (var r in rows)
            sb.Append(inv, $"{r.Target.PadRight(w)}  {r.SrccBefore,11:0.000}  {r.SrccAfter,5:0.000}  {r.HvRatioProxy,13:0.0000}  {r.HvRatioAdapted,10:0.0000} ({r.MinHvRatioAdapted:0.000})  {r.TargetMeasurements,8:0.0} ({r.MaxTargetMeasurements,3})  {r.AdaptedFraction,7:P0}  {r.HvRatioFlops,8:0.0000}  {r.HvRatioPerDevice,13:0.0000}  {r.HvRatioAllData,10:0.0000} ({r.AllDataMeasurements,3})\n");
        sb.Append(inv, $"{"MEAN".PadRight(w)}  {rows.Average(r => r.SrccBefore),11:0.000}  {rows.Average(r => r.SrccAfter),5:0.000}  {rows.Average(r => r.HvRatioProxy),13:0.0000}  {rows.Average(r => r.HvRatioAdapted),10:0.0000} ({rows.Min(r => r.MinHvRatioAdapted):0.000})  {rows.Average(r => r.TargetMeasurements),8:0.0} ({rows.Max(r => r.MaxTargetMeasurements),3})           {rows.Average(r => r.HvRatioFlops),8:0.0000}  {rows.Average(r => r.HvRatioPerDevice),13:0.0000}  {rows.Average(r => r.HvRatioAllData),10:0.0000}\n");
        sb.Append(inv, $"\nper-device baseline: {rows[0].PerDeviceMeasurements} target measurements for its predictor + {o.Budget - o.SampleSize} for pruning\n");
        sb.Append("all-data: least squares on every recorded target latency, its whole predicted front measured (the best operator-level predictor there is, at any cost)\n");
        return sb.ToString();
    }
}

using System.Globalization;
using System.Text;
using OneProxy.Adaptation;
using OneProxy.Reports;

namespace OneProxy.Application.Bench;

/// <summary>The adaptation benchmark as a table (CSV/JSON; docs/adapt-*.csv) and as the aligned text of docs/adapt-*.txt.</summary>
public static class BenchAdaptOutput
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static OutputTable Table(BenchAdaptReport report) => report.Incremental is null ? SampleTable(report.Rows) : IncrementalTable(report.IncrementalRows);

    public static string Text(BenchAdaptReport report) => report.Incremental is { } inc ? IncrementalText(report, inc) : SampleText(report);

    private static double M(AdaptationBenchmarkRow r, AdaptationMethod m) => r.MeanSrcc.TryGetValue(m, out var v) ? v : double.NaN;

    private static string F(double v) => OutputTable.Num(v, "0.0000");

    private static OutputTable SampleTable(IReadOnlyList<AdaptationBenchmarkRow> rows)
    {
        var t = new OutputTable("target", "samples", "srcc_proxy", "srcc_adaproxy", "srcc_library", "srcc_target_only", "srcc_auto", "measurements",
            "srcc_library_adaproxy", "srcc_proxy_optype", "srcc_library_optype", "srcc_auto_std", "seeds",
            "family", "library_size", "srcc_device", "best_device", "srcc_best_device", "srcc_auto_min", "auto_below_proxy_seeds",
            "auto_estimate", "auto_interval_coverage", "constant_fits", "srcc_prior");
        foreach (var r in rows)
            t.Add(r.Target, OutputTable.Num(r.Samples), F(M(r, AdaptationMethod.Proxy)), F(M(r, AdaptationMethod.AdaProxy)), F(M(r, AdaptationMethod.Library)),
                F(M(r, AdaptationMethod.TargetOnly)), F(r.MeanSrccAuto), OutputTable.Num(r.MeanMeasurements, "0.##"), F(M(r, AdaptationMethod.LibraryAda)),
                F(M(r, AdaptationMethod.ProxyOpType)), F(M(r, AdaptationMethod.LibraryOpType)), F(r.StdSrccAuto), OutputTable.Num(r.Seeds),
                r.Family, OutputTable.Num(r.LibrarySize), F(M(r, AdaptationMethod.Device)), r.BestDevice, F(r.BestDeviceSrcc), F(r.MinSrccAuto),
                OutputTable.Num(r.AutoBelowProxy), F(r.MeanEstimate), OutputTable.Num(r.IntervalCoverage, "0.00"), OutputTable.Num(r.ConstantFits),
                F(M(r, AdaptationMethod.Prior)));
        return t;
    }

    private static OutputTable IncrementalTable(IReadOnlyList<IncrementalBenchmarkRow> rows)
    {
        var t = new OutputTable("target", "seeds", "mean_measurements", "max_measurements", "mean_estimated_srcc", "mean_srcc", "min_srcc", "reached_fraction");
        foreach (var r in rows)
            t.Add(r.Target, OutputTable.Num(r.Seeds), OutputTable.Num(r.MeanMeasurements, "0.##"), OutputTable.Num(r.MaxMeasurements),
                F(r.MeanEstimatedSrcc), F(r.MeanSrcc), F(r.MinSrcc), OutputTable.Num(r.ReachedFraction, "0.00"));
        return t;
    }

    private static string IncrementalText(BenchAdaptReport report, IncrementalOptions o)
    {
        var rows = report.IncrementalRows;
        var sb = new StringBuilder();
        sb.Append(Inv, $"Incremental adaptation (proxy {report.Proxy}; first check after {o.MinMeasurements}, then every {o.BatchSize}; threshold {o.Threshold}; budget {o.Budget}; {rows[0].Seeds} seeds)\n\n");
        int w = Math.Max(8, rows.Max(r => r.Target.Length));
        sb.Append(Inv, $"{"target".PadRight(w)}  measurements (max)  estimated SRCC  true SRCC (min)  reached\n");
        foreach (var r in rows)
            sb.Append(Inv, $"{r.Target.PadRight(w)}  {r.MeanMeasurements,12:0.0} ({r.MaxMeasurements,3})  {r.MeanEstimatedSrcc,14:0.000}  {r.MeanSrcc,9:0.000} ({r.MinSrcc:0.000})  {r.ReachedFraction,7:P0}\n");
        sb.Append(Inv, $"{"MEAN".PadRight(w)}  {rows.Average(r => r.MeanMeasurements),12:0.0}        {rows.Average(r => r.MeanEstimatedSrcc),14:0.000}  {rows.Average(r => r.MeanSrcc),9:0.000}\n");
        return sb.ToString();
    }

    private static string SampleText(BenchAdaptReport report)
    {
        var rows = report.Rows;
        var methods = rows[0].MeanSrcc.Keys.ToArray();
        var headers = methods.Select(ProxyAdapter.MethodName).ToArray();
        var sb = new StringBuilder();
        sb.Append(Inv, $"Mean SRCC on the target's unseen architectures (proxy {report.Proxy}; {rows[0].Seeds} seeds)\n");
        sb.Append("best-dev: the library device whose own predictor ranks the target best (oracle pick, all architectures); ");
        sb.Append("below: seeds on which auto < the raw proxy; est: auto's own estimate (samples only); cover: seeds inside auto's 95 % interval\n\n");
        int w = Math.Max(8, rows.Max(r => r.Target.Length));
        sb.Append(Inv, $"{"target".PadRight(w)}  samples");
        foreach (var h in headers) sb.Append("  ").Append(h);
        sb.Append("  best-dev    auto (std)    min  below    est  cover  measured\n");
        void Line(string name, IEnumerable<AdaptationBenchmarkRow> rs, int k)
        {
            var a = rs.ToArray();
            sb.Append(Inv, $"{name.PadRight(w)}  {k,7}");
            for (int m = 0; m < methods.Length; m++)
                sb.Append("  ").Append(a.Average(r => M(r, methods[m])).ToString("0.000", Inv).PadLeft(headers[m].Length));
            sb.Append(Inv, $"  {a.Average(r => r.BestDeviceSrcc),8:0.000}  {a.Average(r => r.MeanSrccAuto),6:0.000} ({a.Average(r => r.StdSrccAuto):0.000})  {a.Min(r => r.MinSrccAuto),5:0.000}  {a.Sum(r => r.AutoBelowProxy),5}  {a.Average(r => r.MeanEstimate),5:0.000}  {a.Average(r => r.IntervalCoverage),5:0.00}  {a.Average(r => r.MeanMeasurements),8:0.#}\n");
        }
        foreach (var r in rows) Line(r.Target, [r], r.Samples);
        sb.Append('\n');
        foreach (var g in rows.GroupBy(r => r.Samples)) Line("MEAN", g, g.Key);
        sb.Append('\n');
        foreach (var g in rows.GroupBy(r => r.Samples))
        {
            var worst = g.MinBy(r => r.MeanSrccAuto)!;
            var gap = g.MinBy(r => r.MeanSrccAuto - M(r, AdaptationMethod.Proxy))!;
            sb.Append(Inv, $"k={g.Key}: worst target {worst.Target} {worst.MeanSrccAuto:0.000}; largest auto - proxy shortfall {gap.Target} {Math.Round(gap.MeanSrccAuto - M(gap, AdaptationMethod.Proxy), 3) + 0.0:+0.000;-0.000;0.000}; ");
            sb.Append(Inv, $"targets with auto below proxy by > 0.01: {g.Count(r => r.MeanSrccAuto < M(r, AdaptationMethod.Proxy) - 0.01)}; ");
            sb.Append(Inv, $"estimate - measured {Math.Round(g.Average(r => r.MeanEstimate - r.MeanSrccAuto), 3) + 0.0:+0.000;-0.000;0.000}; constant method fits scored 0: {g.Sum(r => r.ConstantFits)}\n");
        }
        return sb.ToString();
    }
}

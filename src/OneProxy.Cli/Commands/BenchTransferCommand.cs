using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using OneProxy.Accuracy;
using OneProxy.Cli.Output;
using OneProxy.Data;
using OneProxy.Transfer;

namespace OneProxy.Cli.Commands;

/// <summary><c>oneproxy bench transfer</c>: Algorithm 5 on every target of a recorded table, hypervolume against each target's oracle front.</summary>
public static class BenchTransferCommand
{
    public static Command Create()
    {
        var space = CommonOptions.Space();
        var latency = CommonOptions.Latency();
        var archs = CommonOptions.Architectures();
        var accuracy = CommonOptions.Accuracy();
        var accuracyColumn = CommonOptions.AccuracyColumn();
        var proxy = CommonOptions.ProxyColumn();
        var targets = CommonOptions.Targets("Target device columns (default: every column but the proxy)");
        var sample = new Option<int>("--sample", "-k") { Description = "Architectures measured on the target before deciding", DefaultValueFactory = _ => new TransferOptions().SampleSize };
        var budget = new Option<int>("--budget") { Description = "Target measurements in total (sample + pruning)", DefaultValueFactory = _ => new TransferOptions().Budget };
        var threshold = new Option<double>("--threshold", "-t") { Description = "Sample SRCC at which the proxy's set is reused without adapting", DefaultValueFactory = _ => new TransferOptions().SrccThreshold };
        var refit = new Option<int>("--refit-every") { Description = "0: the paper's one-shot pruning; N: prune one candidate at a time and re-adapt every N measurements", DefaultValueFactory = _ => new TransferOptions().RefitEvery };
        var seeds = new Option<int>("--seeds") { Description = "Repetitions with seeds 0..N-1 (the sample differs)", DefaultValueFactory = _ => 5 };
        var withFlops = CommonOptions.WithFlops();
        var perDevice = new Option<int>("--per-device-samples") { Description = "Target measurements of the per-device-predictor baseline", DefaultValueFactory = _ => 1000 };
        var format = CommonOptions.Format();
        var output = CommonOptions.Output();
        var cmd = new Command("transfer",
            "Transfer benchmark (Algorithm 5): per target, hypervolume of the transferred set over the target's oracle front, " +
            "with and without adaptation, and FLOPs / per-device-predictor baselines.\n" +
            "Example: oneproxy bench transfer --space nasbench201 --proxy pixel3 --format csv")
        {
            space, latency, archs, accuracy, accuracyColumn, proxy, targets, sample, budget, threshold, refit, seeds, withFlops, perDevice, format, output,
        };
        cmd.SetAction(CommandRunner.Guarded(parse =>
        {
            var (table, s, _) = CommonOptions.LoadLatency(parse, space, latency, archs, null);
            var acc = CommonOptions.LoadAccuracy(parse, s, accuracy, accuracyColumn);
            var p = parse.GetValue(proxy)!;
            table.ColumnIndexOf(p);
            var ts = parse.GetValue(targets) is { Length: > 0 } given ? given : table.ColumnNames.Where(c => c != p).ToArray();
            // The cost columns join the library only: they are not devices to transfer to.
            if (parse.GetValue(withFlops)) table = CostColumns.Add(table, s);
            var options = new TransferOptions { SampleSize = parse.GetValue(sample), Budget = parse.GetValue(budget), SrccThreshold = parse.GetValue(threshold), RefitEvery = parse.GetValue(refit) }.Validate();
            var sw = Stopwatch.StartNew();
            var rows = ProgressBar.Run("transferring", ts.Length, progress =>
                new TransferBenchmark(s, table, acc).Run(p, ts, parse.GetValue(seeds), options, parse.GetValue(perDevice), progress));
            parse.InvocationConfiguration.Error.WriteLine($"transfer benchmark: {ts.Length} targets x {parse.GetValue(seeds)} seeds in {sw.Elapsed.TotalSeconds:0.00} s");
            CommonOptions.Emit(parse, output, parse.GetValue(format) == "csv" ? Csv(rows) : Table(rows, p, options));
            return 0;
        }));
        return cmd;
    }

    public static string Csv(IReadOnlyList<TransferBenchmarkRow> rows)
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder("target,srcc_before,srcc_after,hv_ratio_proxy,hv_ratio_adapted,target_measurements," +
            "min_hv_ratio_adapted,max_target_measurements,adapted_fraction,hv_ratio_flops,hv_ratio_per_device,per_device_measurements,oracle_front_size,seeds,hv_ratio_all_data,all_data_measurements\n");
        foreach (var r in rows)
            sb.Append(inv, $"{r.Target},{r.SrccBefore:0.0000},{r.SrccAfter:0.0000},{r.HvRatioProxy:0.0000},{r.HvRatioAdapted:0.0000},{r.TargetMeasurements:0.##},")
              .Append(inv, $"{r.MinHvRatioAdapted:0.0000},{r.MaxTargetMeasurements},{r.AdaptedFraction:0.00},{r.HvRatioFlops:0.0000},{r.HvRatioPerDevice:0.0000},{r.PerDeviceMeasurements},{r.OracleFrontSize},{r.Seeds},{r.HvRatioAllData:0.0000},{r.AllDataMeasurements}\n");
        return sb.ToString();
    }

    private static string Table(IReadOnlyList<TransferBenchmarkRow> rows, string proxy, TransferOptions o)
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.Append(inv, $"Hypervolume ratio vs the target's oracle front (proxy {proxy}; sample {o.SampleSize}, budget {o.Budget}, threshold {o.SrccThreshold}; {rows[0].Seeds} seeds)\n\n");
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

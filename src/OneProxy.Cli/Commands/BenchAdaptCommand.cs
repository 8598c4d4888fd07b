using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using OneProxy.Adaptation;
using OneProxy.Cli.Output;
using OneProxy.Predictors;

namespace OneProxy.Cli.Commands;

/// <summary><c>oneproxy bench adapt</c>: SRCC on unseen architectures vs number of target measurements, per method.</summary>
public static class BenchAdaptCommand
{
    public static Command Create()
    {
        var space = CommonOptions.Space();
        var latency = CommonOptions.Latency();
        var archs = CommonOptions.Architectures();
        var proxy = CommonOptions.ProxyColumn();
        var targets = CommonOptions.Targets("Target device columns (never put in the library)");
        var withFlops = CommonOptions.WithFlops();
        var library = new Option<string[]?>("--library")
        {
            Description = "Library device columns (default: every column that is not a target)",
            CustomParser = CommonOptions.CommaList,
        };
        var samples = new Option<int[]>("--samples", "-k")
        {
            Description = "Target measurements per adaptation (comma-separated)",
            DefaultValueFactory = _ => [5, 10, 20, 50],
            CustomParser = CommonOptions.IntList,
        };
        var seeds = new Option<int>("--seeds") { Description = "Repetitions with seeds 0..N-1", DefaultValueFactory = _ => 20 };
        var penalty = new Option<Penalty>("--penalty") { Description = "AdaProxy correction penalty: L1 (Eq. 3.3) or L2", DefaultValueFactory = _ => Penalty.L1 };
        var methods = new Option<AdaptationMethod[]?>("--auto-methods")
        {
            Description = "Methods the automatic choice picks from, comma-separated (" + string.Join(", ", ProxyAdapter.MethodNames) + "; default: all)",
            CustomParser = CommonOptions.MethodList,
        };
        var margin = new Option<double>("--selection-margin") { Description = "Auto picks the simplest method within this much CV SRCC of the best", DefaultValueFactory = _ => new AdaptationOptions().SelectionMargin };
        var incremental = new Option<bool>("--incremental")
        {
            Description = "Run Algorithm 5's loop instead (measure --batch at a time until --threshold or --budget) and report measurements spent and SRCC reached",
        };
        var batch = new Option<int>("--batch") { Description = "With --incremental: measurements per round", DefaultValueFactory = _ => new IncrementalOptions().BatchSize };
        var threshold = new Option<double>("--threshold", "-t") { Description = "With --incremental: estimated SRCC to stop at", DefaultValueFactory = _ => new IncrementalOptions().Threshold };
        var budget = new Option<int>("--budget") { Description = "With --incremental: most measurements per target", DefaultValueFactory = _ => new IncrementalOptions().Budget };
        var minimum = new Option<int>("--min-measurements") { Description = "With --incremental: measurements before the first check", DefaultValueFactory = _ => new IncrementalOptions().MinMeasurements };
        var format = CommonOptions.Format();
        var output = CommonOptions.Output();
        var cmd = new Command("adapt",
            "Adaptation benchmark: for each target and sample size, SRCC on all remaining architectures for the proxy alone, " +
            "AdaProxy, the proxy library, library+AdaProxy, a predictor fitted on the target samples alone, and the automatic choice.\n" +
            "Example: oneproxy bench adapt --space nasbench201 --proxy pixel3 --targets titan_rtx_256,gold_6226,fpga,pixel2,raspi4,eyeriss")
        {
            space, latency, archs, proxy, targets, library, withFlops, samples, seeds, penalty, methods, margin, incremental, batch, threshold, budget, minimum, format, output,
        };
        cmd.SetAction(CommandRunner.Guarded(parse =>
        {
            var (table, s, _) = CommonOptions.LoadLatency(parse, space, latency, archs, null);
            if (parse.GetValue(withFlops)) table = OneProxy.Data.CostColumns.Add(table, s);
            var p = parse.GetValue(proxy)!;
            var ts = parse.GetValue(targets) is { Length: > 0 } given ? given : throw new UnusableDataException("--targets is required");
            var lib = parse.GetValue(library) is { Length: > 0 } named ? named : table.ColumnNames.Where(c => !ts.Contains(c)).ToArray();
            var options = new AdaptationOptions { CorrectionPenalty = parse.GetValue(penalty), SelectionMargin = parse.GetValue(margin) };
            if (parse.GetValue(methods) is { Length: > 0 } chosen) options = options with { Candidates = chosen };
            if (parse.GetValue(incremental))
            {
                var inc = new IncrementalOptions
                {
                    BatchSize = parse.GetValue(batch), Threshold = parse.GetValue(threshold),
                    Budget = parse.GetValue(budget), MinMeasurements = parse.GetValue(minimum),
                }.Validate();
                var watch = Stopwatch.StartNew();
                var incRows = ProgressBar.Run("adapting", ts.Length * parse.GetValue(seeds), progress =>
                    new AdaptationBenchmark(s, table).RunIncremental(p, ts, lib, parse.GetValue(seeds), options, inc, progress));
                parse.InvocationConfiguration.Error.WriteLine($"incremental benchmark: {ts.Length} targets x {parse.GetValue(seeds)} seeds in {watch.Elapsed.TotalSeconds:0.00} s");
                CommonOptions.Emit(parse, output, IncrementalTable(incRows, p, inc, parse.GetValue(format) == "csv"));
                return 0;
            }
            var sw = Stopwatch.StartNew();
            int jobs = ts.Length * parse.GetValue(seeds);
            var rows = ProgressBar.Run("adapting", jobs, progress =>
                new AdaptationBenchmark(s, table).Run(p, ts, lib, parse.GetValue(samples)!, parse.GetValue(seeds), options, progress));
            sw.Stop();
            var err = parse.InvocationConfiguration.Error;
            var one = new AdaptationBenchmark(s, table).TimeOneAdaptation(p, ts[0], lib, parse.GetValue(samples)!.Max(), options);
            err.WriteLine($"one automatic adaptation ({options.Candidates.Count} methods, lambda paths, CV) on {parse.GetValue(samples)!.Max()} samples of {ts[0]}: median {one.TotalMilliseconds:0.0} ms");
            err.WriteLine($"benchmark: {ts.Length} targets x {parse.GetValue(samples)!.Length} sample sizes x {parse.GetValue(seeds)} seeds in {sw.Elapsed.TotalSeconds:0.00} s; library: {lib.Length} devices");
            CommonOptions.Emit(parse, output, parse.GetValue(format) == "csv" ? Csv(rows) : Table(rows, p));
            return 0;
        }));
        return cmd;
    }

    private static double M(AdaptationBenchmarkRow r, AdaptationMethod m) => r.MeanSrcc.TryGetValue(m, out var v) ? v : double.NaN;

    public static string Csv(IReadOnlyList<AdaptationBenchmarkRow> rows)
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder("target,samples,srcc_proxy,srcc_adaproxy,srcc_library,srcc_target_only,srcc_auto,measurements," +
            "srcc_library_adaproxy,srcc_proxy_optype,srcc_library_optype,srcc_auto_std,seeds\n");
        foreach (var r in rows)
            sb.Append(inv, $"{r.Target},{r.Samples},{M(r, AdaptationMethod.Proxy):0.0000},{M(r, AdaptationMethod.AdaProxy):0.0000},{M(r, AdaptationMethod.Library):0.0000},{M(r, AdaptationMethod.TargetOnly):0.0000},{r.MeanSrccAuto:0.0000},{r.MeanMeasurements:0.##},")
              .Append(inv, $"{M(r, AdaptationMethod.LibraryAda):0.0000},{M(r, AdaptationMethod.ProxyOpType):0.0000},{M(r, AdaptationMethod.LibraryOpType):0.0000},{r.StdSrccAuto:0.0000},{r.Seeds}\n");
        return sb.ToString();
    }

    private static string IncrementalTable(IReadOnlyList<IncrementalBenchmarkRow> rows, string proxy, IncrementalOptions o, bool csv)
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        if (csv)
        {
            sb.Append("target,seeds,mean_measurements,max_measurements,mean_estimated_srcc,mean_srcc,min_srcc,reached_fraction\n");
            foreach (var r in rows)
                sb.Append(inv, $"{r.Target},{r.Seeds},{r.MeanMeasurements:0.##},{r.MaxMeasurements},{r.MeanEstimatedSrcc:0.0000},{r.MeanSrcc:0.0000},{r.MinSrcc:0.0000},{r.ReachedFraction:0.00}\n");
            return sb.ToString();
        }
        sb.Append(inv, $"Incremental adaptation (proxy {proxy}; first check after {o.MinMeasurements}, then every {o.BatchSize}; threshold {o.Threshold}; budget {o.Budget}; {rows[0].Seeds} seeds)\n\n");
        int w = Math.Max(8, rows.Max(r => r.Target.Length));
        sb.Append(inv, $"{"target".PadRight(w)}  measurements (max)  estimated SRCC  true SRCC (min)  reached\n");
        foreach (var r in rows)
            sb.Append(inv, $"{r.Target.PadRight(w)}  {r.MeanMeasurements,12:0.0} ({r.MaxMeasurements,3})  {r.MeanEstimatedSrcc,14:0.000}  {r.MeanSrcc,9:0.000} ({r.MinSrcc:0.000})  {r.ReachedFraction,7:P0}\n");
        sb.Append(inv, $"{"MEAN".PadRight(w)}  {rows.Average(r => r.MeanMeasurements),12:0.0}        {rows.Average(r => r.MeanEstimatedSrcc),14:0.000}  {rows.Average(r => r.MeanSrcc),9:0.000}\n");
        return sb.ToString();
    }

    private static string Table(IReadOnlyList<AdaptationBenchmarkRow> rows, string proxy)
    {
        var inv = CultureInfo.InvariantCulture;
        var methods = rows[0].MeanSrcc.Keys.ToArray();
        var headers = methods.Select(ProxyAdapter.MethodName).ToArray();
        var sb = new StringBuilder();
        sb.Append(inv, $"Mean SRCC on the target's unseen architectures (proxy {proxy}; {rows[0].Seeds} seeds)\n\n");
        int w = Math.Max(8, rows.Max(r => r.Target.Length));
        sb.Append(inv, $"{"target".PadRight(w)}  samples");
        foreach (var h in headers) sb.Append("  ").Append(h);
        sb.Append("    auto (std)  measured\n");
        void Line(string name, IEnumerable<AdaptationBenchmarkRow> rs, int k)
        {
            var a = rs.ToArray();
            sb.Append(inv, $"{name.PadRight(w)}  {k,7}");
            for (int m = 0; m < methods.Length; m++)
                sb.Append("  ").Append(a.Average(r => M(r, methods[m])).ToString("0.000", inv).PadLeft(headers[m].Length));
            sb.Append(inv, $"  {a.Average(r => r.MeanSrccAuto),6:0.000} ({a.Average(r => r.StdSrccAuto):0.000})  {a.Average(r => r.MeanMeasurements),8:0.#}\n");
        }
        foreach (var r in rows) Line(r.Target, [r], r.Samples);
        sb.Append('\n');
        foreach (var g in rows.GroupBy(r => r.Samples)) Line("MEAN", g, g.Key);
        return sb.ToString();
    }
}

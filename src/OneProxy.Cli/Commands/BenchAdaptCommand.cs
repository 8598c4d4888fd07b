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
        var proxy = new Option<string>("--proxy") { Description = "Proxy device column", DefaultValueFactory = _ => "pixel3" };
        var targets = CommonOptions.Devices();
        targets.Description = "Target device columns (never put in the library)";
        targets.Aliases.Add("--targets");
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
        var format = CommonOptions.Format();
        var output = CommonOptions.Output();
        var cmd = new Command("adapt",
            "Adaptation benchmark: for each target and sample size, SRCC on all remaining architectures for the proxy alone, " +
            "AdaProxy, the proxy library, library+AdaProxy, a predictor fitted on the target samples alone, and the automatic choice.\n" +
            "Example: oneproxy bench adapt --space nasbench201 --proxy pixel3 --targets titan_rtx_256,gold_6226,fpga,pixel2,raspi4,eyeriss")
        {
            space, latency, archs, proxy, targets, library, samples, seeds, penalty, format, output,
        };
        cmd.SetAction(CommandRunner.Guarded(parse =>
        {
            var (table, s, _) = CommonOptions.LoadLatency(parse, space, latency, archs, null);
            var p = parse.GetValue(proxy)!;
            var ts = parse.GetValue(targets) is { Length: > 0 } given ? given : throw new ArgumentException("--targets is required");
            var lib = parse.GetValue(library) is { Length: > 0 } named ? named : table.ColumnNames.Where(c => !ts.Contains(c)).ToArray();
            var options = new AdaptationOptions { CorrectionPenalty = parse.GetValue(penalty) };
            var sw = Stopwatch.StartNew();
            int jobs = ts.Length * parse.GetValue(seeds);
            var rows = ProgressBar.Run("adapting", jobs, progress =>
                new AdaptationBenchmark(s, table).Run(p, ts, lib, parse.GetValue(samples)!, parse.GetValue(seeds), options, progress));
            sw.Stop();
            var err = parse.InvocationConfiguration.Error;
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
        var sb = new StringBuilder("target,samples,srcc_proxy,srcc_adaproxy,srcc_library,srcc_target_only,srcc_auto,measurements,srcc_library_adaproxy,srcc_auto_std,seeds\n");
        foreach (var r in rows)
            sb.Append(inv, $"{r.Target},{r.Samples},{M(r, AdaptationMethod.Proxy):0.0000},{M(r, AdaptationMethod.AdaProxy):0.0000},{M(r, AdaptationMethod.Library):0.0000},{M(r, AdaptationMethod.TargetOnly):0.0000},{r.MeanSrccAuto:0.0000},{r.MeanMeasurements:0.##},{M(r, AdaptationMethod.LibraryAda):0.0000},{r.StdSrccAuto:0.0000},{r.Seeds}\n");
        return sb.ToString();
    }

    private static string Table(IReadOnlyList<AdaptationBenchmarkRow> rows, string proxy)
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.Append(inv, $"Mean SRCC on the target's unseen architectures (proxy {proxy}; {rows[0].Seeds} seeds)\n\n");
        int w = Math.Max(8, rows.Max(r => r.Target.Length));
        sb.Append(inv, $"{"target".PadRight(w)}  samples   proxy  adaproxy  library  lib+ada  target-only    auto (std)  measured\n");
        void Line(string name, IEnumerable<AdaptationBenchmarkRow> rs, int k)
        {
            var a = rs.ToArray();
            double Avg(AdaptationMethod m) => a.Average(r => M(r, m));
            sb.Append(inv, $"{name.PadRight(w)}  {k,7}  {Avg(AdaptationMethod.Proxy),6:0.000}  {Avg(AdaptationMethod.AdaProxy),8:0.000}  {Avg(AdaptationMethod.Library),7:0.000}  {Avg(AdaptationMethod.LibraryAda),7:0.000}  {Avg(AdaptationMethod.TargetOnly),11:0.000}  {a.Average(r => r.MeanSrccAuto),6:0.000} ({a.Average(r => r.StdSrccAuto):0.000})  {a.Average(r => r.MeanMeasurements),8:0.#}\n");
        }
        foreach (var r in rows) Line(r.Target, [r], r.Samples);
        sb.Append('\n');
        foreach (var g in rows.GroupBy(r => r.Samples)) Line("MEAN", g, g.Key);
        return sb.ToString();
    }
}

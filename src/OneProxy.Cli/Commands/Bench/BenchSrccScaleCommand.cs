using System.CommandLine;
using OneProxy.Experiments.SrccScale;

namespace OneProxy.Cli.Commands;

/// <summary>
/// <c>oneproxy bench srcc --devices N --archs M</c>: the SRCC matrix at scale on a SYNTHETIC table
/// generated in-process, side by side with scipy's spearmanr on the same values, against the
/// machine's measured FMA peak.
/// </summary>
public static class BenchSrccScaleCommand
{
    public static Command Create(string name = "srcc-scale")
    {
        var devices = new Option<int>("--devices") { Description = "Devices (columns) of the synthetic table", Required = true };
        var archs = new Option<int>("--archs") { Description = "Architectures (rows) of the synthetic table", DefaultValueFactory = _ => 15_625 };
        var seed = new Option<int>("--seed") { Description = "Seed of the synthetic table", DefaultValueFactory = _ => 0 };
        var reference = new Option<SrccReference>("--reference") { Description = "Reference run on the same data: scipy or none", DefaultValueFactory = _ => SrccReference.None };
        var threads = new Option<int>("--threads") { Description = "Cores to use (-1: all)", DefaultValueFactory = _ => -1 };
        var python = new Option<string>("--python") { Description = "Python with numpy and scipy", DefaultValueFactory = _ => "/usr/bin/python3" };
        var script = new Option<string>("--reference-script") { Description = "The scipy side", DefaultValueFactory = _ => Path.Combine("bench", "srcc_reference.py") };
        var csv = new Option<string?>("--write-csv") { Description = "Also write the SYNTHETIC table as a latency CSV (for whole-command timings)" };
        var header = new Option<bool>("--no-header") { Description = "Print the CSV row without its header (to append runs)" };
        var top = new Option<int?>("--top") { Description = "Time per-device top-K partners (no dense matrix) instead of the matrix" };
        var cmd = new Command(name,
            "SRCC matrix scaling on SYNTHETIC data: seconds, GFLOP/s vs measured peak, peak memory, scipy side by side.\n" +
            "Example: oneproxy bench srcc-scale --devices 1000 --archs 15625 --reference scipy")
        {
            devices, archs, seed, reference, threads, python, script, csv, header, top,
        };
        cmd.SetAction(CommandRunner.Guarded(parse =>
        {
            var options = new SrccScaleOptions(parse.GetValue(devices), parse.GetValue(archs), parse.GetValue(seed),
                parse.GetValue(reference), parse.GetValue(threads), parse.GetValue(python)!, parse.GetValue(script), parse.GetValue(csv), parse.GetValue(top));
            var result = SrccScaleBenchmark.Run(options);
            var o = parse.InvocationConfiguration.Output;
            if (!parse.GetValue(header)) o.WriteLine(SrccScaleCsv.Header);
            o.WriteLine(SrccScaleCsv.Row(result));
            return 0;
        }));
        return cmd;
    }
}

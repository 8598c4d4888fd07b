using System.CommandLine;
using OneProxy.Reports.Figures;
using System.Globalization;
using OneProxy.Accelerators.UseCases;

namespace OneProxy.Cli.Commands.Accelerator;

/// <summary><c>oneproxy accelerator sweep</c>: a model set x an accelerator grid into wide cycles/energy tables.</summary>
public static class AcceleratorSweepCommand
{
    public static Command Create()
    {
        var set = new Option<string>("--set") { Description = "nasbench301 or alphanet", Required = true };
        var grid = new Option<string>("--grid") { Description = "thesis (153 candidates) or design-space (1,296)", DefaultValueFactory = _ => "thesis" };
        var limit = new Option<int>("--limit") { Description = "Use only the first N models", DefaultValueFactory = _ => int.MaxValue };
        var cycles = new Option<string?>("--cycles-out") { Description = "Write cycles (index + one column per accelerator)" };
        var energy = new Option<string?>("--energy-out") { Description = "Write energy in nJ (same layout)" };
        var hmLat = new Option<string?>("--heatmap-latency") { Description = "Heatmap (.svg, .png or .pdf) of cycles SRCC between accelerators" };
        var hmEn = new Option<string?>("--heatmap-energy") { Description = "Heatmap (.svg, .png or .pdf) of energy SRCC between accelerators" };
        var threshold = new Option<double>("--threshold") { Description = "SRCC above which two accelerators count as monotone", DefaultValueFactory = _ => 0.97 };
        var cmd = new Command("sweep", "Cycles and energy of every model of a set on every accelerator of a grid, with SRCC summaries.\n" +
            "Example: oneproxy accelerator sweep --set nasbench301 --cycles-out cycles.csv --heatmap-latency lat.svg")
        { set, grid, limit, cycles, energy, hmLat, hmEn, threshold };
        cmd.SetAction(CommandRunner.Guarded(parse =>
        {
            var (latencyFigure, energyFigure) = (Log.FigurePath(parse, hmLat), Log.FigurePath(parse, hmEn));
            var s = SweepUseCase.Run(new SweepOptions(parse.GetValue(set)!, parse.GetValue(grid)!, parse.GetValue(limit),
                parse.GetValue(cycles), parse.GetValue(energy), latencyFigure, energyFigure, parse.GetValue(threshold)));
            var w = parse.InvocationConfiguration.Output;
            var inv = CultureInfo.InvariantCulture;
            w.WriteLine(string.Create(inv, $"{s.Models} models x {s.Accelerators} accelerators ({s.Rejected} rejected mappings dropped), {s.UniqueLayers} distinct layers: {s.Seconds:0.00} s"));
            w.WriteLine(string.Create(inv, $"cycles SRCC: share of pairs > {s.Latency.Threshold:0.00} = {s.Latency.ShareAbove:P1}, min {s.Latency.MinSrcc:0.000}"));
            w.WriteLine(string.Create(inv, $"energy SRCC: share of pairs > {s.Energy.Threshold:0.00} = {s.Energy.ShareAbove:P1}, min {s.Energy.MinSrcc:0.000}"));
            foreach (var f in s.Written) parse.InvocationConfiguration.Error.WriteLine($"wrote {f}");
            return 0;
        }));
        return cmd;
    }
}

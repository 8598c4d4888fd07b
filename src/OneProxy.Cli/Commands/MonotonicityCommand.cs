using System.CommandLine;
using System.Diagnostics;
using OneProxy.Cli.Output;
using OneProxy.Data;
using OneProxy.SearchSpaces;
using OneProxy.Monotonicity;
using OneProxy.Reports;

namespace OneProxy.Cli.Commands;

/// <summary><c>oneproxy monotonicity</c>: the SRCC matrix of every pair of devices.</summary>
public static class MonotonicityCommand
{
    public static Command Create()
    {
        var space = CommonOptions.Space();
        var latency = CommonOptions.Latency();
        var archs = CommonOptions.Architectures();
        var devices = CommonOptions.Devices();
        var threshold = CommonOptions.Threshold();
        var format = CommonOptions.Format();
        var output = CommonOptions.Output();
        var heatmap = new Option<string?>("--heatmap") { Description = "Also write an SVG heatmap of the matrix to this file" };
        var flops = new Option<bool>("--with-flops") { Description = "Add FLOPs and parameter count as pseudo-devices: how well does each rank the devices' latencies?" };
        var cmd = new Command("monotonicity",
            "SRCC (latency monotonicity) between every pair of devices of a latency table.\n" +
            "Example: oneproxy monotonicity --space nasbench201 --heatmap srcc.svg")
        {
            space, latency, archs, devices, threshold, format, output, heatmap, flops,
        };
        cmd.SetAction(CommandRunner.Guarded(parse =>
        {
            var (table, s, _) = CommonOptions.LoadLatency(parse, space, latency, archs, devices);
            if (parse.GetValue(flops)) table = CostColumns.Add(table, s);
            var sw = Stopwatch.StartNew();
            var matrix = SrccMatrix.Compute(table);
            sw.Stop();
            var err = parse.InvocationConfiguration.Error;
            err.WriteLine($"SRCC matrix {matrix.Devices.Count}x{matrix.Devices.Count} in {sw.Elapsed.TotalMilliseconds:0.0} ms");
            var t = parse.GetValue(threshold);
            CommonOptions.Emit(parse, output, parse.GetValue(format) switch
            {
                "csv" => MatrixFormatter.Csv(matrix),
                "json" => MatrixFormatter.Json(matrix, t),
                _ => MatrixFormatter.Table(matrix, t),
            });
            var svgPath = parse.GetValue(heatmap);
            if (svgPath is not null)
            {
                File.WriteAllText(svgPath, HeatmapSvg.Render(matrix, $"Latency monotonicity: {s.Name} ({table.RowCount} architectures)", t));
                err.WriteLine($"wrote heatmap {svgPath}");
            }
            return 0;
        }));
        return cmd;
    }
}

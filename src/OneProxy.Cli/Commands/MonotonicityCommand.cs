using System.CommandLine;
using OneProxy.Reports.Figures;
using OneProxy.Application.Monotonicity;
using OneProxy.Reports;

namespace OneProxy.Cli.Commands;

/// <summary><c>oneproxy monotonicity</c>: the SRCC matrix of every pair of devices.</summary>
public static class MonotonicityCommand
{
    public static Command Create()
    {
        var data = new LatencyOptions(devices: true, withFlops: true);
        data.WithFlops!.Description = "Add FLOPs and parameter count as pseudo-devices: how well does each rank the devices' latencies?";
        var threshold = CommonOptions.Threshold();
        var output = new OutputOptions();
        var heatmap = new Option<string?>("--heatmap") { Description = "Also write a heatmap of the matrix to this file (.svg, .png or .pdf)" };
        var top = new Option<int?>("--top")
        {
            Description = "Instead of the dense matrix, each device's K most monotone partners, its monotone count and mean/min SRCC (memory grows with devices x K, not devices squared)",
        };
        var cmd = new Command("monotonicity",
            "SRCC (latency monotonicity) between every pair of devices of a latency table.\n" +
            "Example: oneproxy monotonicity --space nasbench201 --heatmap srcc.svg");
        cmd.With(data.All, [threshold], output.All, [heatmap, top]);
        cmd.SetAction(CommandRunner.Guarded(parse =>
        {
            if (parse.GetValue(top) is not null && parse.GetValue(heatmap) is not null)
                throw new InvalidOptionException("heatmap", "draws the dense matrix; it cannot be combined with --top");
            var heatmapPath = Log.FigurePath(parse, heatmap);
            var r = MonotonicityUseCase.Run(new MonotonicityRequest(data.Bind(parse), parse.GetValue(threshold), parse.GetValue(top)));
            Log.Write(parse, r.Notes);
            if (r.Partners is not null) output.Emit(parse, MonotonicityUseCase.PartnersTable(r.Partners));
            else output.Stream(parse, (writer, format) => SrccMatrixOutput.Write(r.Matrix!, r.Threshold, format, writer));
            if (heatmapPath is { } svg) Log.WriteFigure(parse, svg, Heatmap.Create(r.Matrix!, r.HeatmapTitle, r.Threshold));
            return 0;
        }));
        return cmd;
    }
}

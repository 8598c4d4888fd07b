using System.CommandLine;
using OneProxy.Application.L2o;

namespace OneProxy.Cli.Commands.L2o;

/// <summary><c>oneproxy l2o plot</c>: redraws the gap figure of <c>l2o evaluate</c> from its saved per-device CSV.</summary>
public static class L2oPlotCommand
{
    public static Command Create()
    {
        var from = new Option<string>("--from") { Description = "Per-device CSV written by 'l2o evaluate -f csv -o FILE'", Required = true };
        var plot = new Option<string?>("--plot") { Description = "Figure to write (.svg, .png or .pdf)", Required = true };
        var cmd = new Command("plot", "Redraw the gap-per-unseen-device figure from a saved l2o evaluate CSV (no training or evaluation is run).\n" +
            "Example: oneproxy l2o plot --from docs/l2o-measured-m1.csv --plot docs/l2o-measured-m1.svg")
        { from, plot };
        cmd.SetAction(CommandRunner.Guarded(parse =>
        {
            var path = Log.FigurePath(parse, plot)!;
            var (title, rows) = L2oGapTable.Read(parse.GetValue(from)!);
            Log.WriteFigure(parse, path, L2oOutput.Plot(title, rows));
            return 0;
        }));
        return cmd;
    }
}

using System.CommandLine;
using OneProxy.Aquaman.Reports;
using OneProxy.Reports.Figures;

namespace OneProxy.Cli.Commands.Aquaman;

/// <summary>
/// <c>oneproxy aquaman plot</c>: redraws a simulation's figures from the CSVs that
/// <c>simulate --details DIR</c> saved, without running the bandits again.
/// </summary>
public static class AquamanPlotCommand
{
    public static Command Create()
    {
        var details = new Option<string>("--details") { Description = "Folder written by 'aquaman simulate --details' (summary.csv, curves.csv, selections.csv, training-loss.csv)", Required = true };
        var type = new Option<string>("--type") { Description = "Figure format for the folder's figures: svg, png or pdf", DefaultValueFactory = _ => "svg" };
        type.AcceptOnlyFromAmong("svg", "png", "pdf");
        var plot = new Option<string?>("--plot") { Description = "Also write the time-average QoE figure here (.svg, .png or .pdf), as simulate --plot does" };
        var cmd = new Command("plot",
            "Redraw avg-qoe, regret, selections and training-loss figures from a simulation's saved CSVs (the QoE CDF is not saved, so it is not redrawn).\n" +
            "Example: oneproxy aquaman plot --details docs/aquaman/thesis-d500 --plot docs/aquaman/thesis-d500-qoe.svg")
        { details, type, plot };
        cmd.SetAction(CommandRunner.Guarded(parse =>
        {
            var main = Log.FigurePath(parse, plot);
            var format = FigureFormats.FromPath("x." + parse.GetValue(type), "type");
            foreach (var f in SimulationCsvFigures.Write(parse.GetValue(details)!, format, main)) parse.InvocationConfiguration.Error.WriteLine($"wrote {f}");
            return 0;
        }));
        return cmd;
    }
}

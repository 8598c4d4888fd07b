using System.CommandLine;
using System.Globalization;
using OneProxy.Energy.Plots;

namespace OneProxy.Cli.Commands.Energy;

/// <summary><c>oneproxy energy plot</c>: measured energy per inference against latency, one marker set per space.</summary>
public static class EnergyPlotCommand
{
    public static Command Create()
    {
        var series = new Option<string[]>("--series")
        {
            Description = "SPACE=ENERGY.csv,LATENCY.csv (wide CSVs keyed by arch; repeat for more spaces)", Required = true, Arity = ArgumentArity.OneOrMore,
        };
        var column = new Option<string>("--column") { Description = "Device column present in both CSVs", Required = true };
        var title = new Option<string?>("--title") { Description = "Figure title (default names the column)" };
        var plot = new Option<string?>("--plot") { Description = "Figure to write (.svg, .png or .pdf)", Required = true };
        var cmd = new Command("plot", "Draw measured energy per inference against measured latency, one marker set per search space, from saved CSVs.\n" +
            "Example: oneproxy energy plot --series nasbench201=docs/data/nasbench201-h100-energy.csv,docs/data/nasbench201-h100-energy-runs-latency.csv --column h100_b1e_q --plot e.svg")
        { series, column, title, plot };
        cmd.SetAction(CommandRunner.Guarded((parse, ct) =>
        {
            var path = Log.FigurePath(parse, plot)!;
            var r = EnergyPlotUseCase.Run(new EnergyPlotOptions(parse.GetValue(series)!.Select(EnergyPlotSeries.Parse).ToArray(),
                parse.GetValue(column)!, parse.GetValue(title)), ct);
            Log.Write(parse, r.Spaces.Select(s => string.Create(CultureInfo.InvariantCulture,
                $"{s.Space}: {s.Points} architectures, latency {s.MinLatencyMs:0.###}-{s.MaxLatencyMs:0.###} ms, energy {s.MinEnergyMj:0.#}-{s.MaxEnergyMj:0.#} mJ, SRCC {s.Srcc:0.000}")));
            Log.WriteFigure(parse, path, r.Figure);
            return 0;
        }));
        return cmd;
    }
}

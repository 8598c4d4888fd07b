using System.CommandLine;
using OneProxy.Application.Transfer;
using OneProxy.Reports;
using OneProxy.Reports.Figures;

namespace OneProxy.Cli.Commands;

/// <summary>
/// <c>oneproxy transfer</c>: Algorithm 5 for one target, here a recorded device (a column of the
/// latency table). Prints what was spent and decided, writes the Pareto set (latencies measured
/// on the target) and a plot against the target's oracle front.
/// </summary>
public static class TransferCommand
{
    public static Command Create()
    {
        var data = new LatencyOptions(withFlops: true);
        var accuracy = new AccuracyOptions(predictor: true);
        var proxy = CommonOptions.ProxyColumn();
        var target = new Option<string>("--target") { Description = "Target device column (replayed as a recorded device)", Required = true };
        var library = CommonOptions.Library("Library device columns (default: every column but the target and the proxy)");
        var transfer = new TransferOptionGroup();
        var seed = CommonOptions.Seed();
        var output = new OutputOptions(defaultFormat: "csv");
        var plot = new Option<string?>("--plot") { Description = "Figure (.svg, .png or .pdf): oracle front, the proxy's set and the transferred set, in target latency" };
        var cmd = new Command("transfer",
            "Hardware-aware NAS for a new target with one proxy device (Algorithm 5): sample, check SRCC, reuse or adapt and search, prune on the target.\n" +
            "Example: oneproxy transfer --space nasbench201 --proxy pixel3 --target eyeriss --seed 0 -o eyeriss-front.csv --plot eyeriss.svg");
        cmd.With(data.All, accuracy.All, [proxy, target, library], transfer.All, [seed], output.All, [plot]);
        cmd.SetAction(CommandRunner.Guarded((parse, cancellation) =>
        {
            var plotPath = Log.FigurePath(parse, plot);
            var r = TransferUseCase.Run(new TransferRequest
            {
                Latency = data.Bind(parse), Accuracy = accuracy.Bind(parse), Proxy = parse.GetValue(proxy)!, Target = parse.GetValue(target)!,
                Library = parse.GetValue(library), Options = transfer.Bind(parse), Seed = parse.GetValue(seed),
            }, cancellation);
            Log.Write(parse, [.. r.Notes, .. TransferUseCase.Summary(r)]);
            output.Emit(parse, TransferOutput.Table(r), json: () => TransferOutput.Json(r));
            if (plotPath is { } svg)
                Log.WriteFigure(parse, svg, ParetoPlot.Create($"{r.Space.Name}: {r.Proxy} -> {r.Target} ({r.Result.TargetMeasurements} target measurements)",
                [
                    new PlotSeries("oracle front", r.Oracle, "#000000", true),
                    new PlotSeries("proxy set, pruned", r.ProxyOnly.Front, "#0072B2", false),
                    new PlotSeries("transferred (OneProxy)", r.Result.Front, "#D55E00", false),
                ], $"latency on {r.Target} (ms, measured)"));
            return 0;
        }));
        return cmd;
    }
}

using System.CommandLine;
using OneProxy.Reports.Figures;
using OneProxy.Application.L2o;
using OneProxy.Data;

namespace OneProxy.Cli.Commands.L2o;

/// <summary><c>oneproxy l2o evaluate</c>: a learned optimizer on devices it never saw, against the per-device optimum, with a gap plot.</summary>
public static class L2oEvaluateCommand
{
    public static Command Create()
    {
        var models = new Option<string[]>("--model", "-m") { Description = "Model file(s) from l2o train (comma-separated); each is evaluated on its own unseen devices", Required = true, CustomParser = CommonOptions.CommaList };
        var latency = CommonOptions.Latency();
        var accuracy = CommonOptions.Accuracy();
        var accuracyColumn = CommonOptions.AccuracyColumn();
        var devices = new Option<string[]>("--devices") { Description = "Unseen devices to evaluate (default: every device not trained on)", CustomParser = CommonOptions.CommaList };
        var configs = new Option<int>("--test-configs") { Description = "Accelerators: unseen grid configurations drawn", DefaultValueFactory = _ => 60 };
        var lambdas = new Option<int>("--lambdas") { Description = "Random trade-off vectors per device", DefaultValueFactory = _ => 16 };
        var pct = new Option<int[]>("--percentiles") { Description = "Bounds at these percentiles of each device's predicted costs", DefaultValueFactory = _ => [25, 50, 75], CustomParser = CommonOptions.IntList };
        var full = new Option<bool>("--true-costs") { Description = "Accelerators: evaluate every pool design on the cost model for the true-objective gap (slow)" };
        var seed = CommonOptions.Seed();
        var output = new OutputOptions();
        var cases = new Option<string?>("--cases") { Description = "Write every (device, lambda) case as CSV here" };
        var plot = new Option<string?>("--plot") { Description = "Write a figure of the gap per unseen device here (.svg, .png or .pdf)" };
        var cmd = new Command("evaluate", "Gap of the learned optimizer's designs to the per-device optimum of f on unseen devices, baselines, time to a design, bounds met.\n" +
            "Example: oneproxy l2o evaluate --model l2o-fold0.json,l2o-fold1.json --plot gap.svg")
        { models, latency, accuracy, accuracyColumn, devices, configs, lambdas, pct, full, seed, cases, plot };
        cmd.With(output.All);
        cmd.SetAction(CommandRunner.Guarded((parse, ct) =>
        {
            const string space = "nasbench201";
            var plotPath = Log.FigurePath(parse, plot);
            var r = L2oEvaluateUseCase.Run(new L2oEvaluateOptions(parse.GetValue(models)!, parse.GetValue(latency) ?? DatasetLocator.File(space, "latency_ms.csv"),
                parse.GetValue(accuracy) ?? DatasetLocator.File(space, "architectures.csv"), parse.GetValue(accuracyColumn)!, parse.GetValue(devices) ?? [],
                parse.GetValue(configs), parse.GetValue(lambdas), parse.GetValue(pct)!, parse.GetValue(full), parse.GetValue(seed)), ct);
            Log.Write(parse, r.Notes.Concat(L2oOutput.Summary(r)));
            output.Emit(parse, L2oOutput.Devices(r));
            if (parse.GetValue(cases) is { } c) Log.WriteFile(parse, c, Reports.CsvOutput.Write(L2oOutput.Cases(r)));
            if (plotPath is { } svg) Log.WriteFigure(parse, svg, L2oOutput.Plot(r));
            return 0;
        }));
        return cmd;
    }
}

using System.CommandLine;
using OneProxy.Adaptation;
using OneProxy.Application.Bench;
using OneProxy.Cli.Output;
using OneProxy.Predictors;

namespace OneProxy.Cli.Commands;

/// <summary><c>oneproxy bench adapt</c>: SRCC on unseen architectures vs number of target measurements, per method.</summary>
public static class BenchAdaptCommand
{
    public static Command Create()
    {
        var data = new LatencyOptions(withFlops: true);
        var proxy = CommonOptions.ProxyColumn();
        var targets = CommonOptions.Targets("Target device columns (never put in the library)");
        var library = CommonOptions.Library("Library device columns (default: every column that is not a target)");
        var samples = new Option<int[]>("--samples", "-k")
        {
            Description = "Target measurements per adaptation (comma-separated)",
            DefaultValueFactory = _ => [5, 10, 20, 50],
            CustomParser = CommonOptions.IntList,
        };
        var seeds = new Option<int>("--seeds") { Description = "Repetitions 0..N-1, each with its own named seed stream per target", DefaultValueFactory = _ => 20 };
        var penalty = new Option<Penalty>("--penalty") { Description = "AdaProxy correction penalty: L1 (Eq. 3.3) or L2", DefaultValueFactory = _ => Penalty.L1 };
        var methods = new Option<AdaptationMethod[]?>("--auto-methods")
        {
            Description = "Methods the automatic choice picks from, comma-separated (" + string.Join(", ", ProxyAdapter.MethodNames) + "; default: all)",
            CustomParser = CommonOptions.MethodList,
        };
        var margin = new Option<double>("--selection-margin") { Description = "Auto picks the simplest method within this much CV SRCC of the best", DefaultValueFactory = _ => new AdaptationOptions().SelectionMargin };
        var incremental = new Option<bool>("--incremental")
        {
            Description = "Run Algorithm 5's loop instead (measure --batch at a time until --threshold or --budget) and report measurements spent and SRCC reached",
        };
        var loop = new IncrementalOptionGroup("With --incremental: ");
        var output = new OutputOptions();
        var cmd = new Command("adapt",
            "Adaptation benchmark: for each target and sample size, SRCC on all remaining architectures for the proxy alone, " +
            "AdaProxy, the proxy library, library+AdaProxy, a predictor fitted on the target samples alone, and the automatic choice.\n" +
            "Example: oneproxy bench adapt --space nasbench201 --proxy pixel3 --targets titan_rtx_256,gold_6226,fpga,pixel2,raspi4,eyeriss");
        cmd.With(data.All, [proxy, targets, library, samples, seeds, penalty, methods, margin, incremental], loop.All, output.All);
        cmd.SetAction(CommandRunner.Guarded((parse, cancellation) =>
        {
            var options = new AdaptationOptions { CorrectionPenalty = parse.GetValue(penalty), SelectionMargin = parse.GetValue(margin) };
            if (parse.GetValue(methods) is { Length: > 0 } chosen) options = options with { Candidates = chosen };
            var request = new BenchAdaptRequest
            {
                Latency = data.Bind(parse), Proxy = parse.GetValue(proxy)!, Targets = parse.GetValue(targets) ?? [], Library = parse.GetValue(library),
                Samples = parse.GetValue(samples)!, Seeds = parse.GetValue(seeds), Options = options,
                Incremental = parse.GetValue(incremental) ? loop.Bind(parse) : null,
            };
            var r = ProgressBar.Run("adapting", progress => BenchAdaptUseCase.Run(request, progress, cancellation));
            Log.Write(parse, r.Notes);
            output.Emit(parse, BenchAdaptOutput.Table(r), () => BenchAdaptOutput.Text(r));
            return 0;
        }));
        return cmd;
    }
}

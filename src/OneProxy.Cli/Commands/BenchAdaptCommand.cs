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
        var baseline = new Option<AutoBaseline>("--auto-baseline") { Description = "What auto must beat: prior (the library prior's posterior) or proxy (the raw proxy, before session 9)", DefaultValueFactory = _ => new AdaptationOptions().Baseline };
        var z = new Option<double>("--selection-z") { Description = "Auto leaves the raw proxy only for a gain in agreeing pairs above this many standard errors", DefaultValueFactory = _ => new AdaptationOptions().SelectionZ };
        var protocol = new Option<AdaptationProtocol>("--protocol") { Description = "fixed (one library) or lofo (leave-one-family-out: every column is a target, its library is every other family)", CustomParser = r => ProtocolOf(r.Tokens[0].Value) };
        var design = new Option<SamplingDesign>("--design") { Description = "random or designed (k-center, then where the predictors disagree)", DefaultValueFactory = _ => SamplingDesign.Random };
        var pool = new Option<int>("--pool") { Description = "Per seed, only N random architectures exist (partial recording); 0: all" };
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
        cmd.With(data.All, [proxy, targets, library, samples, seeds, penalty, methods, z, baseline, protocol, design, pool, incremental], loop.All, output.All);
        cmd.SetAction(CommandRunner.Guarded((parse, cancellation) =>
        {
            var options = new AdaptationOptions { CorrectionPenalty = parse.GetValue(penalty), SelectionZ = parse.GetValue(z), Baseline = parse.GetValue(baseline) };
            if (parse.GetValue(methods) is { Length: > 0 } chosen) options = options with { Candidates = chosen };
            var request = new BenchAdaptRequest
            {
                Latency = data.Bind(parse), Proxy = parse.GetValue(proxy)!, Targets = parse.GetValue(targets) ?? [], Library = parse.GetValue(library),
                Samples = parse.GetValue(samples)!, Seeds = parse.GetValue(seeds), Options = options,
                Incremental = parse.GetValue(incremental) ? loop.Bind(parse) : null,
                Setup = new AdaptationBenchmarkSetup(parse.GetValue(protocol), parse.GetValue(design), parse.GetValue(pool)),
            };
            var r = ProgressBar.Run("adapting", progress => BenchAdaptUseCase.Run(request, progress, cancellation));
            Log.Write(parse, r.Notes);
            output.Emit(parse, BenchAdaptOutput.Table(r), () => BenchAdaptOutput.Text(r));
            return 0;
        }));
        return cmd;
    }

    private static AdaptationProtocol ProtocolOf(string v) => v.ToLowerInvariant() switch
    {
        "fixed" => AdaptationProtocol.Fixed,
        "lofo" or "leave-one-family-out" => AdaptationProtocol.LeaveOneFamilyOut,
        _ => throw new InvalidOptionException("--protocol", $"'{v}' is not fixed or lofo"),
    };
}
using System.CommandLine;
using OneProxy.Application.Bench;
using OneProxy.Cli.Output;

namespace OneProxy.Cli.Commands;

/// <summary><c>oneproxy bench transfer</c>: Algorithm 5 on every target of a recorded table, hypervolume against each target's oracle front.</summary>
public static class BenchTransferCommand
{
    public static Command Create()
    {
        var data = new LatencyOptions(withFlops: true);
        var accuracy = new AccuracyOptions();
        var proxy = CommonOptions.ProxyColumn();
        var targets = CommonOptions.Targets("Target device columns (default: every column but the proxy)");
        var transfer = new TransferOptionGroup();
        var seeds = new Option<int>("--seeds") { Description = "Repetitions 0..N-1, each with its own named seed stream per target (the sample differs)", DefaultValueFactory = _ => 5 };
        var perDevice = new Option<int>("--per-device-samples") { Description = "Target measurements of the per-device-predictor baseline", DefaultValueFactory = _ => 1000 };
        var output = new OutputOptions();
        var cmd = new Command("transfer",
            "Transfer benchmark (Algorithm 5): per target, hypervolume of the transferred set over the target's oracle front, " +
            "with and without adaptation, and FLOPs / per-device-predictor baselines.\n" +
            "Example: oneproxy bench transfer --space nasbench201 --proxy pixel3 --format csv");
        cmd.With(data.All, accuracy.All, [proxy, targets], transfer.All, [seeds, perDevice], output.All);
        cmd.SetAction(CommandRunner.Guarded((parse, cancellation) =>
        {
            var request = new BenchTransferRequest
            {
                Latency = data.Bind(parse), Accuracy = accuracy.Bind(parse), Proxy = parse.GetValue(proxy)!, Targets = parse.GetValue(targets),
                Options = transfer.Bind(parse), Seeds = parse.GetValue(seeds), PerDeviceSamples = parse.GetValue(perDevice),
            };
            var r = ProgressBar.Run("transferring", progress => BenchTransferUseCase.Run(request, progress, cancellation));
            Log.Write(parse, r.Notes);
            output.Emit(parse, BenchTransferOutput.Table(r), () => BenchTransferOutput.Text(r));
            return 0;
        }));
        return cmd;
    }
}

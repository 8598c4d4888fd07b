using System.CommandLine;
using OneProxy.Application.Transfer;

namespace OneProxy.Cli.Commands;

/// <summary><c>oneproxy constrain</c>: chapter 1's Algorithm 1 on recorded targets (bisection on t against a latency constraint).</summary>
public static class ConstrainCommand
{
    public static Command Create()
    {
        var data = new LatencyOptions();
        var accuracy = new AccuracyOptions();
        var proxy = CommonOptions.ProxyColumn();
        var targets = CommonOptions.Targets("Recorded target columns (default: every column but the proxy)");
        var maxLatency = new Option<double?>("--max-latency") { Description = "Latency constraint on the target (ms)" };
        var percentiles = new Option<int[]>("--percentiles")
        {
            Description = "Instead: constraints at these percentiles of the target's latencies over the oracle front (comma-separated)",
            DefaultValueFactory = _ => [25, 50, 75],
            CustomParser = CommonOptions.IntList,
        };
        var tolerance = new Option<double>("--tolerance") { Description = "delta of Algorithm 1, as a fraction of the constraint", DefaultValueFactory = _ => 0.05 };
        var granularity = new Option<double>("--granularity") { Description = "Grid step of t", DefaultValueFactory = _ => 0.001 };
        var output = new OutputOptions();
        var cmd = new Command("constrain",
            "Bisection (Algorithm 1): the most accurate architecture meeting a latency constraint on each target, searched on the proxy's predictor, " +
            "with at most ceil(log2(1/granularity + 1)) target measurements.\nExample: oneproxy constrain --space nasbench201 --proxy pixel3 --targets raspi4 --max-latency 20");
        cmd.With(data.All, accuracy.All, [proxy, targets, maxLatency, percentiles, tolerance, granularity], output.All);
        cmd.SetAction(CommandRunner.Guarded((parse, cancellation) =>
        {
            var r = ConstrainUseCase.Run(new ConstrainRequest
            {
                Latency = data.Bind(parse), Accuracy = accuracy.Bind(parse), Proxy = parse.GetValue(proxy)!, Targets = parse.GetValue(targets),
                MaxLatency = parse.GetValue(maxLatency), Percentiles = parse.GetValue(percentiles)!, Tolerance = parse.GetValue(tolerance), Granularity = parse.GetValue(granularity),
            }, cancellation);
            Log.Write(parse, r.Notes);
            output.Emit(parse, ConstrainOutput.Table(r), () => ConstrainOutput.Text(r));
            return 0;
        }));
        return cmd;
    }
}

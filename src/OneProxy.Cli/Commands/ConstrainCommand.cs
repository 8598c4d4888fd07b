using System.CommandLine;
using OneProxy.Application.Transfer;
using OneProxy.Energy.Constraints;

using OneProxy.Cli.Output;

namespace OneProxy.Cli.Commands;

/// <summary><c>oneproxy constrain</c>: chapter 1's Algorithm 1 on recorded targets (bisection on t against a latency constraint).</summary>
public static class ConstrainCommand
{
    public static Command Create()
    {
        var data = new LatencyOptions();
        var accuracy = new AccuracyOptions(predictor: true);
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
        var maxEnergy = new Option<double?>("--max-energy") { Description = "Also an energy bound: routes to the two-constraint search (Eq. 1.7) on --energy-table, with --max-latency" };
        var energyTable = new Option<string?>("--energy-table") { Description = "With --max-energy: wide CSV of key, accuracy, DEVICE.latency, DEVICE.energy (see energy constrain)" };
        var output = new OutputOptions();
        var cmd = new Command("constrain",
            "Bisection (Algorithm 1): the most accurate architecture meeting a latency constraint on each target, searched on the proxy's predictor, " +
            "or with --max-energy a latency AND an energy bound (Eq. 1.7, two-constraint search on --energy-table), " +
            "with at most ceil(log2(1/granularity + 1)) target measurements.\nExample: oneproxy constrain --space nasbench201 --proxy pixel3 --targets raspi4 --max-latency 20");
        cmd.With(data.All, accuracy.All, [proxy, targets, maxLatency, maxEnergy, energyTable, percentiles, tolerance, granularity], output.All);
        cmd.SetAction(CommandRunner.Guarded((parse, cancellation) =>
        {
            if (parse.GetValue(maxEnergy) is double me)
            {
                Energy.EnergyConstrainCommand.Render(parse, output.FormatOf(parse) == Reports.OutputFormat.Csv, output.Output, ConstrainEnergyUseCase.Run(new ConstrainEnergyOptions(
                    parse.GetValue(energyTable) ?? throw new InvalidOptionException("energy-table", "--max-energy needs the cost table (--energy-table)"), parse.GetValue(proxy)!,
                    parse.GetValue(targets) ?? [], "accuracy", parse.GetValue(maxLatency), me, [], [TwoConstraintMethod.Nested, TwoConstraintMethod.Ray, TwoConstraintMethod.RayTurn],
                    parse.GetValue(tolerance), parse.GetValue(granularity)), cancellation));
                return 0;
            }
            var request = new ConstrainRequest
            {
                Latency = data.Bind(parse), Accuracy = accuracy.Bind(parse), Proxy = parse.GetValue(proxy)!, Targets = parse.GetValue(targets),
                MaxLatency = parse.GetValue(maxLatency), Percentiles = parse.GetValue(percentiles)!, Tolerance = parse.GetValue(tolerance), Granularity = parse.GetValue(granularity),
            };
            var r = ProgressBar.Run(parse, "constraining", p => ConstrainUseCase.Run(request, cancellation, p));
            Log.Write(parse, r.Notes);
            output.Emit(parse, ConstrainOutput.Table(r), () => ConstrainOutput.Text(r), () => ConstrainOutput.Json(r));
            return 0;
        }));
        return cmd;
    }
}

using System.CommandLine;
using System.Globalization;
using OneProxy.Energy.Constraints;

namespace OneProxy.Cli.Commands.Energy;

/// <summary><c>oneproxy energy constrain</c>: Eq. (1.7), a latency and an energy bound at once, on recorded targets.</summary>
public static class EnergyConstrainCommand
{
    public static Command Create()
    {
        var table = new Option<string>("--table") { Description = "Wide CSV: key, accuracy, then DEVICE.latency and DEVICE.energy per device", Required = true };
        var proxy = new Option<string>("--proxy") { Description = "Device whose columns stand for the proxy's latency and energy predictors", Required = true };
        var targets = CommonOptions.Targets("Target devices (default: every device but the proxy)");
        var accuracy = new Option<string>("--accuracy-column") { Description = "Column with (predicted) accuracy", DefaultValueFactory = _ => "accuracy" };
        var maxLatency = new Option<double?>("--max-latency") { Description = "Latency bound on the target (the table's unit)" };
        var maxEnergy = new Option<double?>("--max-energy") { Description = "Energy bound on the target (the table's unit)" };
        var pct = new Option<string>("--percentiles") { Description = "Instead: bound pairs LAT:ENERGY as percentiles of each target's latency and energy over its Pareto front", DefaultValueFactory = _ => "25:75,75:25,50:50,25:25" };
        var method = new Option<string>("--method") { Description = "nested, ray, ray-turn, or all", DefaultValueFactory = _ => "all" }.AcceptOnlyFromAmong("nested", "ray", "ray-turn", "all");
        var tolerance = new Option<double>("--tolerance") { Description = "delta as a fraction of a bound", DefaultValueFactory = _ => 0.02 };
        var format = CommonOptions.Format();
        var output = CommonOptions.Output();
        var cmd = new Command("constrain", "Eq. (1.7): the most accurate design meeting a latency AND an energy bound on each target, searching (t1, t2) on the proxy.\n" +
            "Example: oneproxy energy constrain --table costs.csv --proxy hw1_KC-P --targets hw19_X-P --max-latency 2e6 --max-energy 5e8")
        { table, proxy, targets, accuracy, maxLatency, maxEnergy, pct, method, tolerance, format, output };
        cmd.SetAction(CommandRunner.Guarded(parse =>
        {
            var pairs = parse.GetValue(pct)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(p =>
                p.Split(':') is [var a, var b] && int.TryParse(a, CultureInfo.InvariantCulture, out var l) && int.TryParse(b, CultureInfo.InvariantCulture, out var e)
                    ? (l, e) : throw new InvalidOptionException("percentiles", $"expected LAT:ENERGY pairs like 30:60, got '{p}'")).ToList();
            TwoConstraintMethod[] methods = parse.GetValue(method) switch
            {
                "nested" => [TwoConstraintMethod.Nested], "ray" => [TwoConstraintMethod.Ray], "ray-turn" => [TwoConstraintMethod.RayTurn],
                _ => [TwoConstraintMethod.Nested, TwoConstraintMethod.Ray, TwoConstraintMethod.RayTurn],
            };
            var r = ConstrainEnergyUseCase.Run(new ConstrainEnergyOptions(parse.GetValue(table)!, parse.GetValue(proxy)!, parse.GetValue(targets) ?? [],
                parse.GetValue(accuracy)!, parse.GetValue(maxLatency), parse.GetValue(maxEnergy), pairs, methods, parse.GetValue(tolerance)));
            Render(parse, parse.GetValue(format) == "csv", output, r);
            return 0;
        }));
        return cmd;
    }

    /// <summary>The per-method summary (or per-case CSV) and the pool line; shared with <c>constrain --max-energy</c>.</summary>
    public static void Render(ParseResult parse, bool csv, Option<string?> output, ConstrainEnergyResult r)
    {
            var inv = CultureInfo.InvariantCulture;
        var text = csv ? ConstrainEnergyUseCase.Csv(r) : string.Join('\n', r.Summary.Select(s => string.Create(inv,
            $"{ConstrainEnergyUseCase.Name(s.Method),-9} cases {s.Cases}, feasible {s.Feasible}, both bounds met on {s.MetOnFeasible}/{s.Feasible}, target measurements median {s.MedianMeasurements:0.#} max {s.MaxMeasurements}, accuracy gap to the oracle mean {s.MeanGap:0.000} max {s.MaxGap:0.000}"))) + "\n";
        CommonOptions.Emit(parse, output, text);
        parse.InvocationConfiguration.Error.WriteLine(string.Create(inv, $"pool of {r.PoolSize} designs, {r.Rows.Count} runs in {r.Seconds:0.00} s"));
    }
}

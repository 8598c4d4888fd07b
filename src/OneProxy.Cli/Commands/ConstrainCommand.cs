using OneProxy.Data;
using System.CommandLine;
using System.Globalization;
using System.Text;
using OneProxy.Adaptation;
using OneProxy.Devices;
using OneProxy.Search;
using OneProxy.Transfer;

namespace OneProxy.Cli.Commands;

/// <summary>
/// <c>oneproxy constrain</c>: chapter 1's Algorithm 1 on recorded targets: bisection on t so that
/// the proxy-searched architecture meets a latency constraint on the target, with at most
/// ceil(log2(1/granularity + 1)) target measurements. Enumerable spaces (x*(t) by exhaustive search).
/// </summary>
public static class ConstrainCommand
{
    public static Command Create()
    {
        var space = CommonOptions.Space();
        var latency = CommonOptions.Latency();
        var archs = CommonOptions.Architectures();
        var accuracy = CommonOptions.Accuracy();
        var accuracyColumn = CommonOptions.AccuracyColumn();
        var proxy = CommonOptions.ProxyColumn();
        var targets = CommonOptions.Targets("Recorded target columns (default: every column but the proxy)");
        var maxLatency = new Option<double?>("--max-latency") { Description = "Latency constraint on the target (ms)" };
        var quantiles = new Option<int[]>("--percentiles")
        {
            Description = "Instead: constraints at these percentiles of the target's latencies over the oracle front (comma-separated)",
            DefaultValueFactory = _ => [25, 50, 75],
            CustomParser = CommonOptions.IntList,
        };
        var tolerance = new Option<double>("--tolerance") { Description = "delta of Algorithm 1, as a fraction of the constraint", DefaultValueFactory = _ => 0.05 };
        var granularity = new Option<double>("--granularity") { Description = "Grid step of t", DefaultValueFactory = _ => 0.001 };
        var format = CommonOptions.Format();
        var output = CommonOptions.Output();
        var cmd = new Command("constrain",
            "Bisection (Algorithm 1): the most accurate architecture meeting a latency constraint on each target, searched on the proxy's predictor, " +
            "with at most ceil(log2(1/granularity + 1)) target measurements.\nExample: oneproxy constrain --space nasbench201 --proxy pixel3 --targets raspi4 --max-latency 20")
        {
            space, latency, archs, accuracy, accuracyColumn, proxy, targets, maxLatency, quantiles, tolerance, granularity, format, output,
        };
        cmd.SetAction(CommandRunner.Guarded(parse =>
        {
            var (table, s, _) = CommonOptions.LoadLatency(parse, space, latency, archs, null);
            var acc = CommonOptions.LoadAccuracy(parse, s, accuracy, accuracyColumn);
            var p = parse.GetValue(proxy)!;
            var proxyPredictor = new OneProxy.Predictors.CharacterisedDevices(s, table).Predictor(p);
            var scored = ExhaustiveSearch.ScoreAll(new ArchitectureScorer(s, proxyPredictor, acc));
            var scale = ObjectiveScale.From(scored);
            // x*(t) over the whole space, cached per t: the bisection revisits none, but targets share them.
            var cache = new System.Collections.Concurrent.ConcurrentDictionary<double, Candidate>();
            Candidate Solve(double t) => cache.GetOrAdd(t, tt => scored.MinBy(c => scale.Fitness(c, tt))!);
            var ts = parse.GetValue(targets) is { Length: > 0 } given ? given : table.ColumnNames.Where(c => c != p).ToArray();
            var archList = table.RequireArchitectures();
            var allAcc = acc.PredictAll(archList);
            var inv = CultureInfo.InvariantCulture;
            var csv = new StringBuilder("target,max_latency_ms,latency_ms,accuracy,oracle_accuracy,accuracy_gap,met,within_tolerance,target_measurements,arch\n");
            foreach (var target in ts)
            {
                var col = table.Column(target).ToArray();
                var rows = WideTable.MeasuredRows(col);
                var oracle = Pareto.Front(archList, col, allAcc);
                var limits = parse.GetValue(maxLatency) is double l ? [l]
                    : parse.GetValue(quantiles)!.Select(q => Percentile(oracle.Select(c => c.LatencyMs).ToArray(), q)).ToArray();
                foreach (var limit in limits)
                {
                    var device = new RecordedDevice(table, target);
                    double delta = parse.GetValue(tolerance) * limit;
                    var r = LatencyBisection.Run(Solve, device, limit, delta, parse.GetValue(granularity));
                    double oracleAcc = rows.Where(i => col[i] <= limit).Select(i => allAcc[i]).DefaultIfEmpty(double.NaN).Max();
                    var best = r.Best;
                    csv.Append(inv, $"{target},{limit:G5},{best?.LatencyMs ?? double.NaN:G5},{best?.AccuracyPercent ?? double.NaN:0.00},{oracleAcc:0.00},{oracleAcc - (best?.AccuracyPercent ?? double.NaN):0.00},")
                       .Append(inv, $"{(best is not null && best.LatencyMs <= limit ? 1 : 0)},{(best is not null ? 1 : 0)},{r.TargetMeasurements},{(best is null ? "" : s.Format(best.Architecture))}\n");
                }
            }
            var text = csv.ToString();
            if (parse.GetValue(format) != "csv") text = Summarise(text);
            CommonOptions.Emit(parse, output, text);
            return 0;
        }));
        return cmd;
    }

    private static double Percentile(double[] v, int q)
    {
        if (q is < 0 or > 100) throw new InvalidOptionException("percentiles", $"must be in [0, 100] (got {q})");
        Array.Sort(v);
        return v[(int)Math.Round((v.Length - 1) * q / 100.0)];
    }

    private static string Summarise(string csv)
    {
        var lines = csv.Trim().Split('\n').Skip(1).Select(l => l.Split(',')).ToArray();
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder($"{"target",-15} {"limit ms",9} {"latency",9} {"acc",6} {"oracle",6} {"gap",5} met  tol  meas\n");
        foreach (var c in lines)
            sb.Append(inv, $"{c[0],-15} {c[1],9} {c[2],9} {c[3],6} {c[4],6} {c[5],5} {c[6],3} {c[7],4} {c[8],5}\n");
        int n = lines.Length;
        sb.Append(inv, $"\n{n} constraints: met strictly {lines.Count(c => c[6] == "1")}, within tolerance {lines.Count(c => c[7] == "1")}, ")
          .Append(inv, $"max measurements {lines.Max(c => int.Parse(c[8], inv))}, mean accuracy gap to the oracle {lines.Where(c => c[7] == "1").Average(c => double.Parse(c[5], inv)):0.00} points\n");
        return sb.ToString();
    }
}

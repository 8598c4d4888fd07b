using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using OneProxy.Monotonicity;

namespace OneProxy.Cli.Commands;

/// <summary><c>oneproxy estimate-srcc</c>: how many measured architectures a reliable SRCC check needs.</summary>
public static class EstimateSrccCommand
{
    public static Command Create()
    {
        var space = CommonOptions.Space();
        var latency = CommonOptions.Latency();
        var archs = CommonOptions.Architectures();
        var pair = new Option<string[]>("--pair", "-p")
        {
            Description = "The two devices, e.g. --pair pixel3,eyeriss",
            Required = true,
            CustomParser = CommonOptions.CommaList,
        };
        var samples = new Option<int[]>("--samples", "-k")
        {
            Description = "Sample sizes k to try (comma-separated)",
            DefaultValueFactory = _ => [10, 20, 30, 50, 100],
            CustomParser = CommonOptions.IntList,
        };
        var reps = new Option<int>("--repetitions", "-r") { Description = "Draws per sample size", DefaultValueFactory = _ => 100 };
        var seed = CommonOptions.Seed();
        var format = CommonOptions.Format();
        var output = CommonOptions.Output();
        var cmd = new Command("estimate-srcc",
            "Estimate the SRCC of two devices from k random architectures, R times, and compare with the SRCC over all " +
            "architectures (Fig. 3.11(b)(c)): shows how many target measurements a monotonicity check needs.\n" +
            "Example: oneproxy estimate-srcc --pair pixel3,eyeriss --samples 10,20,50 --repetitions 200 --seed 1")
        {
            space, latency, archs, pair, samples, reps, seed, format, output,
        };
        cmd.SetAction(CommandRunner.Guarded(parse =>
        {
            var devs = parse.GetValue(pair)!;
            if (devs.Length != 2) throw new UnusableDataException($"--pair needs exactly two devices, got {devs.Length}");
            var (table, _, _) = CommonOptions.LoadLatency(parse, space, latency, archs, null);
            var x = table.Column(devs[0]).ToArray();
            var y = table.Column(devs[1]).ToArray();
            var (truth, n) = Spearman.PairwiseComplete(x, y);
            var rng = new Random(parse.GetValue(seed));
            var results = parse.GetValue(samples)!.Select(k => SrccEstimator.Estimate(x, y, k, parse.GetValue(reps), rng)).ToList();
            var inv = CultureInfo.InvariantCulture;
            string text = parse.GetValue(format) switch
            {
                "json" => JsonSerializer.Serialize(new { device_a = devs[0], device_b = devs[1], srcc_all = truth, architectures = n, estimates = results },
                    new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower }) + "\n",
                "csv" => "device_a,device_b,samples,repetitions,mean,std,min,max,mean_abs_error,srcc_all\n" + string.Concat(results.Select(r =>
                    string.Create(inv, $"{devs[0]},{devs[1]},{r.SampleSize},{r.Repetitions},{r.Mean:0.0000},{r.StdDev:0.0000},{r.Min:0.0000},{r.Max:0.0000},{r.MeanAbsoluteError:0.0000},{truth:0.0000}\n"))),
                _ => Table(devs, truth, n, results),
            };
            CommonOptions.Emit(parse, output, text);
            return 0;
        }));
        return cmd;
    }

    private static string Table(string[] devs, double truth, int n, IReadOnlyList<SrccEstimate> results)
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.Append(inv, $"SRCC({devs[0]}, {devs[1]}) over all {n} architectures: {truth:0.0000}\n\n");
        sb.Append("      k   draws    mean     std     min     max  mean |err|\n");
        foreach (var r in results)
            sb.Append(inv, $"{r.SampleSize,7} {r.Repetitions,7} {r.Mean,7:0.000} {r.StdDev,7:0.000} {r.Min,7:0.000} {r.Max,7:0.000} {r.MeanAbsoluteError,10:0.000}\n");
        return sb.ToString();
    }
}

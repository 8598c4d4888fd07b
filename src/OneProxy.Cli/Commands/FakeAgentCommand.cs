using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using OneProxy.Data;
using OneProxy.SearchSpaces;

namespace OneProxy.Cli.Commands;

/// <summary>
/// <c>oneproxy fake-agent</c>: a device agent without hardware. Answers from a recorded latency
/// column (a dataset device replayed) or from FLOPs, with optional seeded noise, and can fail on
/// purpose (crash, hang, garbage) so the measuring path can be tried and tested anywhere.
/// </summary>
public static class FakeAgentCommand
{
    public static Command Create()
    {
        var space = CommonOptions.Space();
        var latency = new Option<string?>("--latency") { Description = "Replay this wide latency CSV (needs --column); default: latency from FLOPs" };
        var column = new Option<string?>("--column") { Description = "Device column to replay" };
        var arch = new Option<string?>("--arch") { Description = "Measure this one architecture instead of reading stdin" };
        var noise = new Option<double>("--noise") { Description = "Relative Gaussian noise on each result (seeded by --seed and the architecture)", DefaultValueFactory = _ => 0 };
        var seed = CommonOptions.Seed();
        var batch = StoreOptions.Batch();
        var threads = StoreOptions.Threads();
        var input = StoreOptions.Input();
        var delay = new Option<int>("--delay-ms") { Description = "Sleep this long per architecture", DefaultValueFactory = _ => 0 };
        var crash = new Option<int?>("--crash-after") { Description = "Exit with code 137 after this many results" };
        var hang = new Option<int?>("--hang-after") { Description = "Stop answering (sleep) after this many results" };
        var garbage = new Option<int?>("--garbage-after") { Description = "Print a malformed line after this many results" };
        var cmd = new Command("fake-agent",
            "A device agent without hardware, for trying `measure` and testing faults. Reads architectures on stdin (or --arch), prints the agent protocol's JSON lines.\n" +
            "Example: oneproxy measure --device fake --agent 'oneproxy fake-agent --space {space} --noise 0.02'")
        {
            space, latency, column, arch, noise, seed, batch, threads, input, delay, crash, hang, garbage,
        };
        cmd.SetAction(CommandRunner.Guarded(parse =>
        {
            var s = SearchSpaceRegistry.Get(parse.GetValue(space)!);
            Func<Architecture, double> truth = a => 0.05 + s.Cost(a).MFlops / 100.0;
            if (parse.GetValue(latency) is string path)
            {
                var col = parse.GetValue(column) ?? throw new UnusableDataException("--latency needs --column");
                var table = WideTableReader.ReadLatency(path, s);
                var archs = table.RequireArchitectures();
                var values = table.Column(col).ToArray();
                var map = new Dictionary<Architecture, double>();
                for (int i = 0; i < archs.Count; i++) map[archs[i]] = values[i];
                truth = a => map.TryGetValue(a, out var v) ? v : throw new UnusableDataException($"not in {path}");
            }
            var setting = StoreOptions.Setting(parse, s, batch, threads, input);
            var output = parse.InvocationConfiguration.Output;
            int done = 0;
            var inputs = parse.GetValue(arch) is string one ? [one] : ReadLines(Console.In);
            foreach (var text in inputs)
            {
                if (parse.GetValue(crash) is int c && done >= c) Environment.Exit(137);
                if (parse.GetValue(hang) is int h && done >= h) Thread.Sleep(Timeout.Infinite);
                if (parse.GetValue(garbage) is int g && done >= g) { output.WriteLine("Segmentation fault (core dumped) 12.5 ms"); output.Flush(); }
                if (parse.GetValue(delay) is > 0 and var d) Thread.Sleep(d);
                output.WriteLine(Answer(s, text, truth, setting, parse.GetValue(noise), parse.GetValue(seed)));
                output.Flush();
                done++;
            }
            return 0;
        }));
        return cmd;
    }

    private static IEnumerable<string> ReadLines(TextReader reader)
    {
        while (reader.ReadLine() is string line)
            if (line.Trim().Length > 0) yield return line.Trim();
    }

    private static string Answer(ISearchSpace space, string text, Func<Architecture, double> truth, OneProxy.Measurement.MeasurementSetting setting, double noise, int seed)
    {
        double ms;
        try { ms = truth(space.Parse(text)); }
        catch (Exception e) when (e is ArchitectureFormatException or ArgumentException)
        {
            return JsonSerializer.Serialize(new { arch = text, error = e.Message });
        }
        if (double.IsNaN(ms)) return JsonSerializer.Serialize(new { arch = text, error = "no recorded latency" });
        // Noise is a function of (seed, architecture), so a repeat of the same seed repeats exactly.
        var rng = new Random(HashCode.Combine(seed, StableHash(text)));
        ms = Math.Max(1e-6, ms * (1 + noise * MathNet.Numerics.Distributions.Normal.Sample(rng, 0, 1)));
        return JsonSerializer.Serialize(new
        {
            arch = text, median_ms = ms, mean_ms = ms, min_ms = ms, std_ms = ms * noise, runs = 1,
            batch = setting.BatchSize, threads = setting.Threads, input = setting.InputSize, runtime = "oneproxy-fake-agent",
        });
    }

    private static int StableHash(string s)
    {
        unchecked
        {
            int h = (int)2166136261;
            foreach (var ch in s) h = (h ^ ch) * 16777619;
            return h;
        }
    }
}

using System.CommandLine;
using System.Globalization;
using OneProxy.Measurement;
using OneProxy.SearchSpaces;

namespace OneProxy.Cli.Commands;

/// <summary><c>oneproxy measure</c>: measure architectures through a device agent into the store (resumable).</summary>
public static class MeasureCommand
{
    public static Command Create()
    {
        var space = CommonOptions.Space();
        var store = StoreOptions.Store();
        var device = new Option<string>("--device", "-d") { Description = "Name of the device (and setting), e.g. cpu_t1; becomes the CSV column on export", Required = true };
        var agent = new Option<string?>("--agent")
        {
            Description = "Agent command template; placeholders {space} {batch} {threads} {input} {warmup} {runs}, and {arch} for one process per architecture. " +
                          "Default: the bundled PyTorch agent on the CPU (/usr/bin/python3 agents/oneproxy_agent.py ...)",
        };
        var archs = new Option<string?>("--archs") { Description = "File with one architecture per line (default: --sample)" };
        var sample = new Option<int>("--sample", "-n") { Description = "Sample this many distinct architectures (with --seed) when no --archs", DefaultValueFactory = _ => 100 };
        var seed = CommonOptions.Seed();
        var batch = StoreOptions.Batch();
        var threads = StoreOptions.Threads();
        var input = StoreOptions.Input();
        var warmup = new Option<int>("--warmup") { Description = "Untimed runs per architecture", DefaultValueFactory = _ => 10 };
        var runs = new Option<int>("--runs") { Description = "Timed runs per architecture (the median is stored)", DefaultValueFactory = _ => 50 };
        var timeout = new Option<double>("--timeout") { Description = "Seconds to wait for each architecture's result before killing the agent", DefaultValueFactory = _ => 300 };
        var rounds = new Option<int>("--rounds") { Description = "Time each architecture in this many rounds, interleaved with the rest of its chunk, and store the median of the round medians: on shared machines a slow phase then hits every architecture alike", DefaultValueFactory = _ => 1 };
        var chunkSize = new Option<int>("--chunk-size") { Description = "Architectures interleaved per chunk with --rounds (a crash loses at most one chunk); the bundled agent keeps up to 32 built", DefaultValueFactory = _ => MeasureOptions.DefaultChunkSize };
        var runtime = new Option<string?>("--runtime") { Description = "Runtime label stored when the agent does not report one" };
        var cmd = new Command("measure",
            "Measure architectures on a device through an agent and store every result as it arrives. Re-running skips what is stored, so an interrupted run resumes.\n" +
            "Example: oneproxy measure --space mobilenetv2 --device cpu_t1 --threads 1 --archs archs.txt --store measurements.db")
        {
            space, store, device, agent, archs, sample, seed, batch, threads, input, warmup, runs, timeout, rounds, chunkSize, runtime,
        };
        cmd.SetAction(CommandRunner.Guarded(parse =>
        {
            var s = SearchSpaceRegistry.Get(parse.GetValue(space)!);
            var options = new MeasureOptions
            {
                Device = parse.GetValue(device)!,
                Setting = StoreOptions.Setting(parse, s, batch, threads, input),
                Warmup = parse.GetValue(warmup),
                Runs = parse.GetValue(runs),
                Timeout = TimeSpan.FromSeconds(parse.GetValue(timeout)),
                Runtime = parse.GetValue(runtime),
                Rounds = parse.GetValue(rounds),
                ChunkSize = parse.GetValue(chunkSize),
            }.Validated();
            var list = ReadArchitectures(parse.GetValue(archs), s, parse.GetValue(sample), parse.GetValue(seed));
            var command = new AgentCommand(parse.GetValue(agent) ?? BundledAgent.CpuTemplate());
            var err = parse.InvocationConfiguration.Error;
            using var st = MeasurementStore.Open(parse.GetValue(store)!);
            var inv = CultureInfo.InvariantCulture;
            var run = new MeasurementRun(st, s, command, options)
            {
                Progress = (done, total, report) => err.WriteLine(report switch
                {
                    AgentMeasurement m => string.Create(inv, $"[{done}/{total}] {m.MedianMs,9:0.000} ms  {Shorten(m.Architecture)}"),
                    AgentFailure f => $"[{done}/{total}] failed: {f.Error}  {Shorten(f.Architecture)}",
                    _ => "",
                }),
            };
            var summary = run.Run(list);
            var stdout = parse.InvocationConfiguration.Output;
            stdout.WriteLine($"{options.Device} ({options.Setting.Label}): {summary.Requested} requested, {summary.AlreadyStored} already stored, " +
                             $"{summary.Measured} measured, {summary.StoredMeanwhile} stored meanwhile by another run, {summary.Failures.Count} failed; store {st.Path} holds {st.Count}");
            foreach (var f in summary.Failures) stdout.WriteLine($"  failed: {f.Architecture}: {f.Error}");
            return summary.Failures.Count == 0 ? 0 : 1;
        }));
        return cmd;
    }

    /// <summary>Architectures from a file (one per line; blank lines and '#' comments skipped), or a seeded sample.</summary>
    public static IReadOnlyList<Architecture> ReadArchitectures(string? path, ISearchSpace space, int sample, int seed)
    {
        if (path is null)
        {
            if (sample < 1) throw new UnusableDataException($"--sample must be at least 1, got {sample}");
            return space.SampleDistinct(sample, new Random(seed));
        }
        if (!File.Exists(path)) throw new FileNotFoundException($"file not found: {path}", path);
        var list = new List<Architecture>();
        long line = 0;
        foreach (var text in File.ReadLines(path))
        {
            line++;
            var t = text.Trim();
            if (t.Length == 0 || t[0] == '#') continue;
            try { list.Add(space.Parse(t)); }
            catch (ArchitectureFormatException e) { throw new OneProxy.Data.DataFormatException(path, line, null, e.Message); }
        }
        if (list.Count == 0) throw new OneProxy.Data.DataFormatException(path, line, null, "no architectures in the file");
        return list;
    }

    private static string Shorten(string s) => s.Length <= 90 ? s : s[..87] + "...";
}

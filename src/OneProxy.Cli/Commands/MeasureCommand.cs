using System.CommandLine;
using OneProxy.Application.Measurement;
using OneProxy.Measurement;
using OneProxy.Cli.Output;
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
            Description = "Agent command template; placeholders {space} {batch} {threads} {input} {warmup} {runs}, {oneproxy} (this program), and {arch} for one process per architecture. " +
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
                Device = parse.GetValue(device)!, Setting = StoreOptions.Setting(parse, s, batch, threads, input), Warmup = parse.GetValue(warmup), Runs = parse.GetValue(runs),
                Timeout = Require.Seconds(parse.GetValue(timeout), "timeout"), Runtime = parse.GetValue(runtime), Rounds = parse.GetValue(rounds), ChunkSize = parse.GetValue(chunkSize),
            };
            var request = new MeasureRequest(s.Name, parse.GetValue(store)!, options, parse.GetValue(agent) ?? BundledAgent.CpuTemplate(),
                parse.GetValue(archs), parse.GetValue(sample), parse.GetValue(seed));
            // On a terminal a bar with ETA replaces the per-architecture lines (failures are in the summary); elsewhere the lines are the log.
            var report = ProgressBar.Visible(parse)
                ? ProgressBar.Run(parse, "measuring", counts => MeasureUseCase.Run(request, null, counts))
                : MeasureUseCase.Run(request, parse.InvocationConfiguration.Error.WriteLine);
            foreach (var line in report.Lines()) parse.InvocationConfiguration.Output.WriteLine(line);
            return report.Summary.Failures.Count == 0 ? 0 : 1;
        }));
        return cmd;
    }
}

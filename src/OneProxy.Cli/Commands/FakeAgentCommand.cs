using System.CommandLine;
using OneProxy.Application.Measurement;
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
            "Example: oneproxy measure --device fake --agent '{oneproxy} fake-agent --space {space} --noise 0.02'")
        {
            space, latency, column, arch, noise, seed, batch, threads, input, delay, crash, hang, garbage,
        };
        cmd.SetAction(CommandRunner.Guarded(parse =>
        {
            var s = SearchSpaceRegistry.Get(parse.GetValue(space)!);
            var agent = new FakeAgent(s, StoreOptions.Setting(parse, s, batch, threads, input), parse.GetValue(latency), parse.GetValue(column), parse.GetValue(noise), parse.GetValue(seed));
            var output = parse.InvocationConfiguration.Output;
            int done = 0;
            var inputs = parse.GetValue(arch) is string one ? [one] : ReadLines(Console.In);
            foreach (var text in inputs)
            {
                // The faults on purpose: what a crashing, hanging or babbling agent does to `measure`.
                if (parse.GetValue(crash) is int c && done >= c) Environment.Exit(137);
                if (parse.GetValue(hang) is int h && done >= h) Thread.Sleep(Timeout.Infinite);
                if (parse.GetValue(garbage) is int g && done >= g) { output.WriteLine("Segmentation fault (core dumped) 12.5 ms"); output.Flush(); }
                if (parse.GetValue(delay) is > 0 and var d) Thread.Sleep(d);
                output.WriteLine(agent.Answer(text));
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
}

using System.CommandLine;
using OneProxy.Measurement;
using OneProxy.Service.Agents;

namespace OneProxy.Cli.Commands.Service;

/// <summary><c>oneproxy agent</c>: the loop on a device that leases its jobs from `serve`, measures them through an agent, posts results.</summary>
public static class AgentLoopCommand
{
    public static Command Create()
    {
        var server = new Option<string[]>("--server") { Description = "Service URL(s); the agent moves to the next when one does not answer", Required = true, CustomParser = CommonOptions.CommaList };
        var device = new Option<string>("--device") { Description = "This device's registered name", Required = true };
        var key = new Option<string?>("--key") { Description = "The device's agent key (default: $ONEPROXY_AGENT_KEY)" };
        var agent = new Option<string?>("--agent") { Description = "Agent command template ({space} {batch} {threads} {input} {warmup} {runs}, {oneproxy} = this program, {arch} for one process per job); default: the bundled PyTorch agent on CPU" };
        var timeout = new Option<double>("--timeout") { Description = "Seconds per measurement before the agent counts as hung", DefaultValueFactory = _ => 300 };
        var leaseMs = new Option<int>("--lease-ms") { Description = "Lease per job (renewed every third of it while measuring)", DefaultValueFactory = _ => 30_000 };
        var maxJobs = new Option<int>("--max-jobs") { Description = "Stop after this many jobs", DefaultValueFactory = _ => 100_000 };
        var maxMinutes = new Option<double>("--max-minutes") { Description = "Stop after this long", DefaultValueFactory = _ => 720 };
        var idleExit = new Option<double>("--idle-exit") { Description = "Stop after this many seconds without a job (0: keep polling until --max-minutes)", DefaultValueFactory = _ => 0 };
        var cmd = new Command("agent",
            "Run on a device: lease measurement jobs from `oneproxy serve`, measure each through the agent protocol, post results with an idempotency key.\n" +
            "Example: ONEPROXY_AGENT_KEY=... oneproxy agent --server http://127.0.0.1:8016 --device pixel-lab --agent '{oneproxy} fake-agent --space {space}'")
        {
            server, device, key, agent, timeout, leaseMs, maxJobs, maxMinutes, idleExit,
        };
        cmd.SetAction(AsyncGuard.Guarded(async (parse, ct) =>
        {
            var k = parse.GetValue(key) ?? Environment.GetEnvironmentVariable("ONEPROXY_AGENT_KEY") ?? "";
            var options = new AgentOptions
            {
                Servers = parse.GetValue(server)!.Select(s => Uri.TryCreate(s, UriKind.Absolute, out var u) ? u : throw new UnusableDataException($"--server: '{s}' is not a URL")).ToArray(),
                Key = k, Device = parse.GetValue(device)!, LeaseMs = parse.GetValue(leaseMs), MaxJobs = parse.GetValue(maxJobs),
                MaxTime = TimeSpan.FromMinutes(parse.GetValue(maxMinutes)), IdleExit = TimeSpan.FromSeconds(parse.GetValue(idleExit)),
            }.Validate();
            var template = new OneProxy.Measurement.AgentCommand(parse.GetValue(agent) ?? BundledAgent.CpuTemplate());
            using var runner = new ProcessJobRunner(template, TimeSpan.FromSeconds(parse.GetValue(timeout)));
            using var http = AgentLoop.Client(options.Key, TimeSpan.FromSeconds(30));
            var s = await new AgentLoop(http, options, runner).RunAsync(ct);
            parse.InvocationConfiguration.Error.WriteLine(
                $"agent {options.Device}: {s.Leased} leased, {s.Stored} stored, {s.Replayed} replayed, {s.Refused} refused (409), {s.Failed} failed; {s.Elapsed.TotalSeconds:0.0} s; stopped: {s.StopReason}");
            return 0;
        }));
        return cmd;
    }
}

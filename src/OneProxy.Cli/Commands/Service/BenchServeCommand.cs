using System.CommandLine;
using System.Diagnostics;
using OneProxy.Service.Bench;

namespace OneProxy.Cli.Commands.Service;

/// <summary><c>oneproxy bench serve</c>: load and fault benchmark of the onboarding service (loopback, bounded, stops by itself).</summary>
public static class BenchServeCommand
{
    public static Command Create()
    {
        var d = new BenchServeOptions();
        var store = new Option<string>("--store") { Description = "sqlite (temporary file), postgres (throwaway cluster via scripts/pg-throwaway.sh), a SQLite path or a PostgreSQL connection string", DefaultValueFactory = _ => d.Store };
        var replicas = new Option<int>("--replicas") { Description = "serve processes (more than 1 needs PostgreSQL)", DefaultValueFactory = _ => d.Replicas };
        var devices = new Option<int>("--devices") { Description = "Simulated devices (each replays a recorded NAS-Bench-201 column)", DefaultValueFactory = _ => d.Devices };
        var agents = new Option<int>("--agents") { Description = "Agents (each serves every N-th device)", DefaultValueFactory = _ => d.Agents };
        var budget = new Option<int>("--budget") { Description = "Measurements per device", DefaultValueFactory = _ => d.Budget };
        var kill = new Option<double>("--kill-agents") { Description = "Fraction of agents killed mid-job (rounded up)", DefaultValueFactory = _ => d.KillAgents };
        var killReplica = new Option<double?>("--kill-replica-at") { Description = "SIGKILL one replica once this fraction of the jobs is done" };
        var pipelines = new Option<int>("--pipelines") { Description = "Onboarding pipelines at once per replica", DefaultValueFactory = _ => d.Pipelines };
        var slots = new Option<int?>("--compute-slots") { Description = "Pipelines computing at once per replica (default: serve's, cores - 1)" };
        var leaseBatch = new Option<int>("--lease-batch") { Description = "Jobs an agent leases and posts per request", DefaultValueFactory = _ => d.LeaseBatch };
        var delay = new Option<int>("--measure-delay-ms") { Description = "Simulated measuring time per job", DefaultValueFactory = _ => d.MeasureDelayMs };
        var maxSeconds = new Option<int>("--max-seconds") { Description = "Stop after this long whatever the progress", DefaultValueFactory = _ => d.MaxSeconds };
        var refit = new Option<int>("--refit-every") { Description = "Onboarding's pruning (serve --refit-every)", DefaultValueFactory = _ => d.RefitEvery };
        var logs = new Option<string?>("--replica-logs") { Description = "Folder for each replica's whole stderr (default: a new temporary folder, printed)" };
        var seed = CommonOptions.Seed();
        var output = CommonOptions.Output();
        var cmd = new Command("serve",
            "Load and fault benchmark of `oneproxy serve`: simulated devices (synthetic fleet replaying recorded latencies), agents killed mid-job, a replica killed; prints one CSV row.\n" +
            "Example: oneproxy bench serve --devices 1000 --agents 16 --kill-agents 0.05   |   --store postgres --replicas 2 --kill-replica-at 0.4")
        {
            store, replicas, devices, agents, budget, kill, killReplica, pipelines, slots, leaseBatch, delay, maxSeconds, refit, logs, seed, output,
        };
        cmd.SetAction(AsyncGuard.Guarded(async (parse, ct) =>
        {
            var options = new BenchServeOptions
            {
                Store = parse.GetValue(store)!, Replicas = parse.GetValue(replicas), Devices = parse.GetValue(devices), Agents = parse.GetValue(agents),
                Budget = parse.GetValue(budget), KillAgents = parse.GetValue(kill), KillReplicaAt = parse.GetValue(killReplica),
                Pipelines = parse.GetValue(pipelines), ComputeSlots = parse.GetValue(slots), LeaseBatch = parse.GetValue(leaseBatch), MeasureDelayMs = parse.GetValue(delay), MaxSeconds = parse.GetValue(maxSeconds), RefitEvery = parse.GetValue(refit), Seed = parse.GetValue(seed), LogDirectory = parse.GetValue(logs),
            }.Validate();
            using var pg = options.Store == "postgres" ? ThrowawayPostgres.Start(Directory.GetCurrentDirectory(), statementStats: true) : null;
            if (pg is not null) options = options with { Store = pg.ConnectionString, DatabasePid = pg.ServerPid };
            var result = await ServeBenchmark.RunAsync(options, SelfCommand, parse.InvocationConfiguration.Error, ct);
            CommonOptions.Emit(parse, output, BenchServeResult.Header + "\n" + result.Csv() + "\n");
            return 0;
        }));
        return cmd;
    }

    /// <summary>This same oneproxy program with other arguments (through `dotnet` when run as a dll).</summary>
    private static ProcessStartInfo SelfCommand(IReadOnlyList<string> args)
    {
        var exe = Environment.ProcessPath ?? throw new InvalidOperationException("cannot tell this program's path");
        var psi = new ProcessStartInfo(exe);
        if (Path.GetFileNameWithoutExtension(exe) == "dotnet") psi.ArgumentList.Add(typeof(BenchServeCommand).Assembly.Location);
        foreach (var a in args) psi.ArgumentList.Add(a);
        return psi;
    }
}

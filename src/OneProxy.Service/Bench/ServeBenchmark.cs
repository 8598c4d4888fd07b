using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OneProxy.Data;
using OneProxy.Devices;
using OneProxy.SearchSpaces;
using OneProxy.Service.Agents;
using OneProxy.Service.Api;
using OneProxy.Service.Onboarding;
using OneProxy.Storage;

namespace OneProxy.Service.Bench;

/// <summary>Thrown inside an agent to kill it mid-job: it holds leased jobs and never posts or renews them.</summary>
public sealed class AgentKilledException() : Exception("agent killed by the benchmark");

public static class ServeBenchmark
{
    /// <param name="serveCommand">Builds the process that runs `oneproxy serve` with the given arguments.</param>
    public static async Task<BenchServeResult> RunAsync(BenchServeOptions o, Func<IReadOnlyList<string>, ProcessStartInfo> serveCommand,
        TextWriter log, CancellationToken ct)
    {
        o.Validate();
        var space = SearchSpaceRegistry.Get("nasbench201");
        var table = WideTableReader.ReadLatency(DatasetLocator.File(space.Name, "latency_ms.csv"), space);
        foreach (var t in o.Targets) table.ColumnIndexOf(t);
        var library = table.ColumnNames.Where(c => !o.Targets.Contains(c)).ToArray();
        var recordings = o.Targets.ToDictionary(t => t, t => new RecordedDevice(table, t));
        string adminKey = OnboardingStore.NewKey();
        string store = o.Store switch
        {
            "sqlite" => Path.Combine(Path.GetTempPath(), $"oneproxy-bench-{Environment.ProcessId}-{Guid.NewGuid():N}.db"),
            _ => o.Store,
        };
        bool pg = store.Contains("Host=", StringComparison.OrdinalIgnoreCase);
        if (!pg && o.Replicas > 1) throw new ArgumentException("--replicas > 1 needs PostgreSQL: SQLite has a single writer (one replica)");
        log.WriteLine($"bench serve: {o.Devices} devices x budget {o.Budget}, {o.Agents} agents, {o.Replicas} replica(s) on {(pg ? "PostgreSQL" : "SQLite " + store)}; " +
                      $"replaying {string.Join(",", o.Targets)}; library {library.Length} devices");

        var ctx = OnboardingContext.Load(space.Name, null, null, "cifar10_test_acc", library);
        double onboardMs = OnboardingCost.CpuMsPerDevice(ctx, o.Targets.Select(t => recordings[t]).ToArray(), o.Budget,
            new OnboardingSettings { RefitEvery = o.RefitEvery, Seed = o.Seed }, 16, ct);
        log.WriteLine($"onboarding compute alone (in this process, no HTTP, no store): {onboardMs:0.0} CPU-ms per device");
        var replicas = new List<ReplicaProcess>();
        string logs = o.LogDirectory ?? Path.Combine(Path.GetTempPath(), $"oneproxy-bench-logs-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..6]}");
        Directory.CreateDirectory(logs);
        log.WriteLine($"replica stderr: {logs}/replica-N.log");
        var env = new Dictionary<string, string> { ["ONEPROXY_ADMIN_KEY"] = adminKey };
        string[] Args(int i) =>
        [
            "serve", "--store", store, "--port", "0", "--library", string.Join(",", library), "--pipelines", o.Pipelines.ToString(),
            "--lease-ms", o.LeaseMs.ToString(), "--planner-lease-ms", o.PlannerLeaseMs.ToString(), "--poll-ms", pg ? "2000" : "5000",
            "--budget", o.Budget.ToString(), "--refit-every", o.RefitEvery.ToString(), "--seed", o.Seed.ToString(), "--run-seconds", (o.MaxSeconds + 120).ToString(),
            .. (o.ComputeSlots is int slots ? new[] { "--compute-slots", slots.ToString() } : []),
        ];
        try
        {
            for (int i = 0; i < o.Replicas; i++)
            {
                var psi = serveCommand(Args(i));
                foreach (var (k, v) in env) psi.Environment[k] = v;
                replicas.Add(await ReplicaProcess.StartAsync(psi, TimeSpan.FromSeconds(90), ct, Path.Combine(logs, $"replica-{i}.log")));
                log.WriteLine($"replica {i}: {replicas[^1].Url}");
            }
            await using var view = await OnboardingStore.OpenAsync(store, ct);
            using var admin = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
            admin.DefaultRequestHeaders.Add(Auth.Header, adminKey);

            // Devices and one agent key per agent (each agent serves every A-th device).
            string Name(int i) => $"sim-{i:D5}";
            string Column(int i) => o.Targets[i % o.Targets.Count];
            var sw = Stopwatch.StartNew();
            await Parallel.ForEachAsync(Enumerable.Range(0, o.Devices), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct }, async (i, c) =>
            {
                using var r = await admin.PostAsJsonAsync(new Uri(new Uri(replicas[i % replicas.Count].Url), "api/v1/devices"),
                    new { name = Name(i), space = space.Name, batch_size = 1, threads = 1, budget = o.Budget, features = new { replays = Column(i), synthetic = true } }, c);
                if (r.StatusCode != HttpStatusCode.Created) throw new InvalidOperationException($"registering {Name(i)}: HTTP {(int)r.StatusCode} {await r.Content.ReadAsStringAsync(c)}");
            });
            log.WriteLine($"registered {o.Devices} devices in {sw.Elapsed.TotalSeconds:0.0} s");
            var keys = new string[o.Agents];
            for (int a = 0; a < o.Agents; a++)
            {
                var devices = Enumerable.Range(0, o.Devices).Where(i => i % o.Agents == a).Select(Name).ToArray();
                using var r = await admin.PostAsJsonAsync(new Uri(new Uri(replicas[0].Url), "api/v1/keys"), new AgentKeyRequest(devices), ApiJson.Options, ct);
                keys[a] = (await r.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("agent_key").GetString()!;
            }

            // Agents, their kills and restarts.
            var latencies = new ConcurrentBag<double>();
            var serverLatencies = new ConcurrentBag<double>();
            var acked = new ConcurrentDictionary<long, int>();
            int lateAccepted = 0, lateRefused = 0, agentsKilled = 0;
            var rng = new SeedStream(o.Seed).Random("bench-serve/kills");
            int toKill = (int)Math.Ceiling(o.KillAgents * o.Agents - 1e-9);
            var killAfterJobs = new int[o.Agents];
            for (int a = 0; a < o.Agents; a++) killAfterJobs[a] = -1;
            long perAgentJobs = (long)o.Devices * o.Budget / o.Agents;
            foreach (var a in Enumerable.Range(0, o.Agents).OrderBy(_ => rng.Next()).Take(toKill))
                killAfterJobs[a] = (int)(perAgentJobs * (0.2 + 0.4 * rng.NextDouble()));
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
            stop.CancelAfter(TimeSpan.FromSeconds(o.MaxSeconds));
            var urls = replicas.Select(r => new Uri(r.Url)).ToArray();
            var late = new ConcurrentBag<Task>(); // added from the agents' threads

            async Task RunAgent(int a, bool mayDie)
            {
                var devices = Enumerable.Range(0, o.Devices).Where(i => i % o.Agents == a).ToDictionary(Name, i => recordings[Column(i)]);
                using var http = new HttpClient(new TimingHandler(latencies, serverLatencies)) { Timeout = TimeSpan.FromSeconds(30) };
                http.DefaultRequestHeaders.Add(Auth.Header, keys[a]);
                using var runner = new ReplayJobRunner(space, devices, TimeSpan.FromMilliseconds(o.MeasureDelayMs));
                var options = new AgentOptions
                {
                    Servers = [.. urls.Skip(a % urls.Length), .. urls.Take(a % urls.Length)], Key = keys[a], Device = $"agent{a}",
                    LeaseMs = o.LeaseMs, Batch = o.LeaseBatch, IdlePoll = TimeSpan.FromMilliseconds(50), MaxTime = TimeSpan.FromSeconds(o.MaxSeconds),
                };
                int seen = 0;
                AgentLoop? loop = null;
                loop = new AgentLoop(http, options, runner)
                {
                    OnPosted = (job, status) => { if (status == HttpStatusCode.Created) acked.AddOrUpdate(job.JobId, 1, (_, n) => n + 1); },
                    AfterLease = job =>
                    {
                        if (!mayDie || killAfterJobs[a] < 0 || ++seen < killAfterJobs[a]) return;
                        Interlocked.Increment(ref agentsKilled);
                        // The dead agent's measurement arrives long after its lease: it must be refused (re-issued) or accepted once.
                        late.Add(Task.Run(async () =>
                        {
                            await Task.Delay(o.LeaseMs * 3, CancellationToken.None);
                            // Its own client: the agent's may be disposed by then (the run can end within three leases of the kill).
                            using var lateHttp = new HttpClient(new TimingHandler(latencies, serverLatencies)) { Timeout = TimeSpan.FromSeconds(30) };
                            lateHttp.DefaultRequestHeaders.Add(Auth.Header, keys[a]);
                            var status = await new AgentLoop(lateHttp, options, runner).PostResult(job, new Measured(devices[job.Device].MeasureMs(space.Parse(job.Arch)), null, "late"), CancellationToken.None);
                            if (status == HttpStatusCode.Created) { Interlocked.Increment(ref lateAccepted); acked.AddOrUpdate(job.JobId, 1, (_, n) => n + 1); }
                            else Interlocked.Increment(ref lateRefused);
                        }));
                        throw new AgentKilledException();
                    },
                };
                try
                {
                    await loop.RunAsync(stop.Token);
                }
                catch (AgentKilledException)
                {
                    log.WriteLine($"agent {a} killed mid-job after {seen} jobs; restarting it in 1 s");
                    await Task.Delay(1000, stop.Token);
                    await RunAgent(a, mayDie: false);
                }
            }

            // Statement counts (PostgreSQL with pg_stat_statements preloaded) and the database's CPU cover the load only.
            bool statementStats = await view.ResetStatementStatsAsync(ct);
            double? dbCpu0 = o.DatabasePid is int dbPid ? ProcessTreeCpu.Seconds(dbPid) : null, dbCpu = null;
            sw.Restart();
            double benchCpu0 = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
            var agents = Enumerable.Range(0, o.Agents).Select(a => Task.Run(() => RunAgent(a, mayDie: true))).ToArray();
            int replicasKilled = 0;
            long totalJobs = (long)o.Devices * o.Budget;
            var exitReported = new bool[replicas.Count];
            (long Results, long Finished) progress;
            while (true)
            {
                await Task.Delay(500, CancellationToken.None);
                // Two counts, not the whole CountsAsync: this loop's own reads compete with the load it measures.
                progress = await view.ProgressAsync(CancellationToken.None);
                foreach (var r in replicas) r.PeakRssMb();
                for (int i = 0; i < replicas.Count; i++)
                    if (!exitReported[i] && replicas[i].UnexpectedExit() is string why) { exitReported[i] = true; log.WriteLine($"replica {i} {why} (log: {replicas[i].LogPath})"); }
                if (o.KillReplicaAt is double at && replicasKilled == 0 && progress.Results >= at * totalJobs)
                {
                    replicas[^1].Kill();
                    replicasKilled = 1;
                    log.WriteLine($"killed replica {replicas.Count - 1} (SIGKILL) at {progress.Results} results");
                }
                if (sw.Elapsed.TotalSeconds >= 5 && (int)sw.Elapsed.TotalSeconds % 10 == 0)
                    log.WriteLine($"  {sw.Elapsed.TotalSeconds:0} s: {progress.Results} results, {progress.Finished} devices finished");
                if (progress.Finished >= o.Devices || stop.IsCancellationRequested) break;
            }
            double seconds = sw.Elapsed.TotalSeconds;
            if (o.DatabasePid is int pid1) dbCpu = ProcessTreeCpu.Seconds(pid1) - dbCpu0;
            foreach (var r in replicas) r.PeakRssMb();
            await stop.CancelAsync();
            foreach (var t in agents) { try { await t; } catch (OperationCanceledException) { /* stopped at the end */ } }
            await Task.WhenAll(late);
            var counts = await view.CountsAsync(CancellationToken.None);
            double? statementsPerJob = null;
            if (statementStats)
            {
                var statements = await view.StatementStatsAsync(CancellationToken.None);
                statementsPerJob = statements.Sum(x => x.Calls) / (double)Math.Max(1, counts.Results);
                log.WriteLine($"PostgreSQL statements during the load: {statements.Sum(x => x.Calls)} ({statementsPerJob:0.00} per stored result), {statements.Sum(x => x.TotalMs) / 1000:0.0} s executing; most called:");
                foreach (var x in statements.Take(12))
                    log.WriteLine($"  {x.Calls,8} calls {x.TotalMs / Math.Max(1, x.Calls),8:0.000} ms each  {(x.Query.Length > 150 ? x.Query[..150] + "..." : x.Query).ReplaceLineEndings(" ")}");
            }
            else if (pg) log.WriteLine("PostgreSQL statements not counted: pg_stat_statements is not preloaded on this server");
            for (int i = 0; i < replicas.Count; i++)
                if (replicas[i].UnexpectedExit() is string why && !exitReported[i]) log.WriteLine($"replica {i} {why} (log: {replicas[i].LogPath})");
            var devicesNow = await view.ListDevicesAsync(CancellationToken.None);
            long onboarded = devicesNow.Count(d => d.State == DeviceState.Onboarded && d.ResultJson is not null &&
                JsonDocument.Parse(d.ResultJson).RootElement.GetProperty("front").GetArrayLength() > 0);
            long failed = devicesNow.Count(d => d.State == DeviceState.Failed);
            foreach (var d in devicesNow.Where(d => d.State == DeviceState.Failed).Take(3)) log.WriteLine($"  failed {d.Name}: {d.Error}");
            var stored = new HashSet<long>();
            foreach (var d in devicesNow) foreach (var r in await view.ResultsAsync(d.Name, CancellationToken.None)) stored.Add(r.JobId);
            long lost = acked.Keys.Count(id => !stored.Contains(id)) + (counts.Jobs - counts.Done);
            long duplicated = (counts.Results - counts.DistinctResults) + acked.Values.Count(n => n > 1);
            var sorted = latencies.OrderBy(x => x).ToArray();
            var serverSorted = serverLatencies.OrderBy(x => x).ToArray();
            static double Pct(double[] xs, double p) => xs.Length == 0 ? double.NaN : xs[Math.Min(xs.Length - 1, (int)Math.Ceiling(p * xs.Length) - 1)];
            long starts = await view.PipelineStartsAsync(CancellationToken.None);
            log.WriteLine($"pipelines started: {starts} for {o.Devices} devices ({starts - o.Devices} restarts replaying stored results)");
            return new BenchServeResult(pg ? "postgres" : "sqlite", o.Replicas, o.Devices, o.Agents, counts.Jobs, lost, duplicated, counts.Results / seconds,
                Pct(sorted, 0.50), Pct(sorted, 0.99), onboarded, failed, agentsKilled, replicasKilled, lateAccepted, lateRefused, counts.Reissued,
                replicas.Max(r => r.PeakRssMb()), ReplicaProcess.ReadHwmMb(Environment.ProcessId), seconds, sorted.Length,
                replicas.Sum(r => r.CpuSeconds), Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds - benchCpu0, onboardMs,
                Pct(serverSorted, 0.50), Pct(serverSorted, 0.99), dbCpu, statementsPerJob, starts);
        }
        finally
        {
            foreach (var r in replicas) r.Dispose();
            if (!pg && o.Store == "sqlite") foreach (var f in new[] { store, store + "-wal", store + "-shm" }) File.Delete(f);
        }
    }
}

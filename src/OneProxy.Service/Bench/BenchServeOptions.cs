namespace OneProxy.Service.Bench;

/// <summary>
/// `oneproxy bench serve`: simulated devices replaying recorded latencies, agents leasing their
/// jobs from serve replicas (child processes on 127.0.0.1), agents and a replica killed mid-run.
/// Bounded: it stops when every device is onboarded or failed, or at MaxSeconds.
/// </summary>
public sealed record BenchServeOptions
{
    /// <summary>"sqlite" (a temporary file), a SQLite path or a PostgreSQL connection string.</summary>
    public string Store { get; init; } = "sqlite";
    public int Replicas { get; init; } = 1;
    public int Devices { get; init; } = 1000;
    public int Agents { get; init; } = 16;
    public int Budget { get; init; } = 50;
    /// <summary>Fraction of agents killed mid-job (rounded up to whole agents); each is restarted 1 s later like a supervisor would.</summary>
    public double KillAgents { get; init; } = 0.05;
    /// <summary>Kill one replica (SIGKILL) once this fraction of the jobs is done; needs Replicas >= 2. Null: none.</summary>
    public double? KillReplicaAt { get; init; }
    /// <summary>Device columns the simulated devices replay, in turn; the library is every other column.</summary>
    public IReadOnlyList<string> Targets { get; init; } = ["eyeriss", "fpga", "pixel2", "samsung_s7", "essential_ph_1", "titanxp_1", "gold_6226", "1080ti_256"];
    public int LeaseMs { get; init; } = 3_000;
    public int PlannerLeaseMs { get; init; } = 3_000;
    /// <summary>Pipelines per replica: each waits on its device's agents most of the time, so as many as devices keeps every agent busy.</summary>
    public int Pipelines { get; init; } = 1024;
    /// <summary>Jobs an agent leases (and then posts) per request.</summary>
    public int LeaseBatch { get; init; } = 32;
    /// <summary>Simulated measuring time per job.</summary>
    public int MeasureDelayMs { get; init; }
    public int MaxSeconds { get; init; } = 600;
    /// <summary>Pipelines computing at once per replica (serve --compute-slots); null: serve's default (cores - 1).</summary>
    public int? ComputeSlots { get; init; }
    public int Seed { get; init; }

    /// <summary>Folder for each replica's whole stderr (replica-N.log); null: a new folder under the temporary directory.</summary>
    public string? LogDirectory { get; init; }

    /// <summary>The PostgreSQL server's main process when the benchmark started it (its process tree's CPU is reported); null: not measured.</summary>
    public int? DatabasePid { get; init; }

    /// <summary>Onboarding's pruning, passed to serve: the library's default 5 costs about 1 CPU-second per device, 0 (the paper's) about 0.2.</summary>
    public int RefitEvery { get; init; } = new OneProxy.Transfer.TransferOptions().RefitEvery;

    public BenchServeOptions Validate()
    {
        if (Replicas is < 1 or > 8) throw new ArgumentOutOfRangeException("--replicas", Replicas, "must be in 1..8");
        if (Devices is < 1 or > 100_000) throw new ArgumentOutOfRangeException("--devices", Devices, "must be in 1..100000");
        if (Agents is < 1 or > 256) throw new ArgumentOutOfRangeException("--agents", Agents, "must be in 1..256");
        if (Agents > Devices) throw new ArgumentOutOfRangeException("--agents", Agents, $"more agents than devices ({Devices})");
        if (KillAgents is < 0 or > 1 || double.IsNaN(KillAgents)) throw new ArgumentOutOfRangeException("--kill-agents", KillAgents, "must be a fraction in [0, 1]");
        if (KillReplicaAt is double k && (k is <= 0 or >= 1 || Replicas < 2)) throw new ArgumentOutOfRangeException("--kill-replica-at", k, "must be in (0, 1) and needs --replicas >= 2");
        if (Targets.Count == 0) throw new ArgumentException("--targets: give at least one column to replay");
        if (ComputeSlots is < 1 or > 64) throw new ArgumentOutOfRangeException("--compute-slots", ComputeSlots, "must be in 1..64");
        if (LeaseBatch is < 1 or > 64) throw new ArgumentOutOfRangeException("--lease-batch", LeaseBatch, "must be in 1..64");
        if (MaxSeconds is < 5 or > 3600) throw new ArgumentOutOfRangeException("--max-seconds", MaxSeconds, "must be in 5..3600");
        if (MeasureDelayMs is < 0 or > 60_000) throw new ArgumentOutOfRangeException("--measure-delay-ms", MeasureDelayMs, "must be in 0..60000");
        return this;
    }
}

/// <summary>One benchmark run; the first eleven fields are the CSV columns.</summary>
public sealed record BenchServeResult(
    string Store, int Replicas, int Devices, int Agents, long Jobs, long Lost, long Duplicated, double JobsPerSecond,
    double P50Ms, double P99Ms, long Onboarded,
    long Failed, int AgentsKilled, int ReplicasKilled, int LatePostsAccepted, int LatePostsRefused, long Reissued,
    double PeakReplicaRssMb, double BenchRssMb, double Seconds, long Requests, double ReplicaCpuSeconds, double BenchCpuSeconds, double OnboardCpuMsPerDevice,
    double ServerP50Ms, double ServerP99Ms, double? DatabaseCpuSeconds, double? StatementsPerJob, long PipelineStarts)
{
    public const string Header = "store,replicas,devices,agents,jobs,lost,duplicated,jobs_per_s,p50_ms,p99_ms,onboarded," +
        "failed,agents_killed,replicas_killed,late_posts_accepted,late_posts_refused,reissued_jobs,peak_replica_rss_mb,bench_rss_mb,seconds,requests,replica_cpu_s,bench_cpu_s,onboard_cpu_ms_per_device," +
        "server_p50_ms,server_p99_ms,db_cpu_s,db_statements_per_job,pipeline_starts";

    public string Csv()
    {
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        return string.Join(',', Store, Replicas, Devices, Agents, Jobs, Lost, Duplicated, JobsPerSecond.ToString("0.0", inv), P50Ms.ToString("0.00", inv),
            P99Ms.ToString("0.00", inv), Onboarded, Failed, AgentsKilled, ReplicasKilled, LatePostsAccepted, LatePostsRefused, Reissued,
            PeakReplicaRssMb.ToString("0", inv), BenchRssMb.ToString("0", inv), Seconds.ToString("0.0", inv), Requests,
            ReplicaCpuSeconds.ToString("0.0", inv), BenchCpuSeconds.ToString("0.0", inv), OnboardCpuMsPerDevice.ToString("0.0", inv),
            ServerP50Ms.ToString("0.00", inv), ServerP99Ms.ToString("0.00", inv), DatabaseCpuSeconds?.ToString("0.0", inv) ?? "", StatementsPerJob?.ToString("0.00", inv) ?? "", PipelineStarts);
    }
}

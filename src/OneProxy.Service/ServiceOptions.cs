using OneProxy.Service.Onboarding;

namespace OneProxy.Service;

/// <summary>Everything `oneproxy serve` is started with, validated once.</summary>
public sealed record ServiceOptions
{
    /// <summary>A SQLite file path, or a PostgreSQL connection string (contains "Host=").</summary>
    public string Store { get; init; } = "onboarding.db";

    /// <summary>Loopback port; 0 picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>Search spaces devices can be onboarded in (each needs its dataset).</summary>
    public IReadOnlyList<string> Spaces { get; init; } = ["nasbench201"];

    /// <summary>Characterised devices (latency table columns) proxies are chosen from; empty: all.</summary>
    public IReadOnlyList<string> Library { get; init; } = [];

    public string AccuracyColumn { get; init; } = "cifar10_test_acc";

    /// <summary>Admin key (register and delete devices, read everything). Null: the caller generates one.</summary>
    public required string AdminKey { get; init; }

    /// <summary>Largest request body accepted; larger ones get 413 before they are read.</summary>
    public long MaxBodyBytes { get; init; } = 64 * 1024;

    /// <summary>Default and upper bound of an agent's job lease.</summary>
    public int LeaseMs { get; init; } = 30_000;
    public int MaxLeaseMs { get; init; } = 600_000;

    /// <summary>A replica holds a device's pipeline this long between renewals (renewed every third of it).</summary>
    public int PlannerLeaseMs { get; init; } = 10_000;

    /// <summary>Onboarding pipelines run at once on this replica.</summary>
    public int Pipelines { get; init; } = 256;

    public int PlannerTickMs { get; init; } = 100;

    /// <summary>Pipelines computing at once (the others wait for measurements); one core is left to the API.</summary>
    public int ComputeSlots { get; init; } = Math.Max(1, Environment.ProcessorCount - 1);

    /// <summary>
    /// Linux nice value of the pipeline threads (0: the API's priority). Pipelines compute in
    /// bursts of tens of milliseconds; a higher value lets a woken request thread run first.
    /// </summary>
    public int PipelineNice { get; init; } = 5;

    /// <summary>How often a waiting pipeline re-reads its results from the store (results accepted by this replica arrive at once).</summary>
    public int ResultPollMs { get; init; } = 1_000;

    /// <summary>One pipeline attempt is cancelled after this long (the device is then resumed from its stored results).</summary>
    public int MaxOnboardingSeconds { get; init; } = 3_600;

    public int DefaultBudget { get; init; } = 50;

    /// <summary>Names this replica in leases; unique per process.</summary>
    public string ReplicaId { get; init; } = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..6]}";

    public OnboardingSettings Onboarding { get; init; } = new();

    /// <summary>The bandit behind select/feedback: aquaman-nlaug (recommended) or the thesis-exact aquaman.</summary>
    public OneProxy.Aquaman.Service.HostedExploration SelectionPolicy { get; init; } = OneProxy.Aquaman.Service.HostedExploration.NeuralLinUcbAugmented;

    public ServiceOptions Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(Store, "--store");
        if (Port is < 0 or > 65535) throw new ArgumentOutOfRangeException("--port", Port, "must be in 0..65535");
        if (Spaces.Count == 0) throw new ArgumentException("--space: give at least one search space");
        if (AdminKey.Length < 16) throw new ArgumentException("--admin-key: must be at least 16 characters");
        if (MaxBodyBytes is < 1024 or > 16 * 1024 * 1024) throw new ArgumentOutOfRangeException("--max-body-bytes", MaxBodyBytes, "must be in 1 KiB..16 MiB");
        if (LeaseMs < 100 || LeaseMs > MaxLeaseMs) throw new ArgumentOutOfRangeException("--lease-ms", LeaseMs, $"must be in 100..{MaxLeaseMs}");
        if (PlannerLeaseMs < 300) throw new ArgumentOutOfRangeException("--planner-lease-ms", PlannerLeaseMs, "must be >= 300");
        if (Pipelines is < 1 or > 4096) throw new ArgumentOutOfRangeException("--pipelines", Pipelines, "must be in 1..4096");
        if (PipelineNice is < 0 or > 19) throw new ArgumentOutOfRangeException("--pipeline-nice", PipelineNice, "must be in 0..19");
        if (ComputeSlots < 1) throw new ArgumentOutOfRangeException("--compute-slots", ComputeSlots, "must be >= 1");
        if (PlannerTickMs < 10 || ResultPollMs < 10) throw new ArgumentOutOfRangeException("--poll-ms", ResultPollMs, "ticks must be >= 10 ms");
        if (DefaultBudget < Onboarding.ProxySample) throw new ArgumentOutOfRangeException("--budget", DefaultBudget, $"must be >= the proxy sample {Onboarding.ProxySample}");
        Onboarding.Validate();
        return this;
    }
}

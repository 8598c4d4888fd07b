namespace OneProxy.Service.Agents;

/// <summary>Options of `oneproxy agent`, validated once. Every loop is bounded: by job count, by time and by idle time.</summary>
public sealed record AgentOptions
{
    /// <summary>Service replicas; the agent moves to the next one when a request cannot reach the current.</summary>
    public required IReadOnlyList<Uri> Servers { get; init; }
    public required string Key { get; init; }
    /// <summary>The device this agent measures for (a name in its key's grant); reported in logs.</summary>
    public required string Device { get; init; }
    public int LeaseMs { get; init; } = 30_000;
    /// <summary>Jobs leased per request.</summary>
    public int Batch { get; init; } = 4;
    public int MaxJobs { get; init; } = 100_000;
    public TimeSpan MaxTime { get; init; } = TimeSpan.FromHours(12);
    /// <summary>Stop after no job came for this long (0: never stop for idleness, only at MaxTime).</summary>
    public TimeSpan IdleExit { get; init; } = TimeSpan.Zero;
    public TimeSpan IdlePoll { get; init; } = TimeSpan.FromMilliseconds(500);
    /// <summary>How long the server may hold a lease request that finds no job (long poll) before answering an empty list.</summary>
    public TimeSpan LeaseWait { get; init; } = TimeSpan.FromSeconds(2);
    public string AgentId { get; init; } = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..6]}";

    public AgentOptions Validate()
    {
        if (Servers.Count == 0) throw new ArgumentException("--server: give at least one URL");
        foreach (var u in Servers)
            if (!u.IsAbsoluteUri || u.Scheme is not ("http" or "https")) throw new ArgumentException($"--server: expected an http(s) URL, got {u}");
        if (LeaseMs < 100) throw new ArgumentOutOfRangeException("--lease-ms", LeaseMs, "must be >= 100");
        if (Batch is < 1 or > 64) throw new ArgumentOutOfRangeException("--batch", Batch, "must be in 1..64");
        if (LeaseWait < TimeSpan.Zero || LeaseWait.TotalMilliseconds > OneProxy.Service.Api.JobEndpoints.MaxWaitMs)
            throw new ArgumentOutOfRangeException("--lease-wait", LeaseWait, $"must be in 0..{OneProxy.Service.Api.JobEndpoints.MaxWaitMs} ms");
        if (MaxJobs < 1) throw new ArgumentOutOfRangeException("--max-jobs", MaxJobs, "must be >= 1");
        if (string.IsNullOrWhiteSpace(Key)) throw new ArgumentException("--key: give the device's agent key (or set ONEPROXY_AGENT_KEY)");
        return this;
    }
}

/// <summary>What an agent loop did.</summary>
public sealed record AgentSummary(int Leased, int Stored, int Replayed, int Refused, int Failed, TimeSpan Elapsed, string StopReason);

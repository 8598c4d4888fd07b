namespace OneProxy.Measurement;

/// <summary>
/// Options of one measuring run (what the CLI's <c>measure</c> binds to). <see cref="Timeout"/>
/// bounds each architecture, the agent's start-up included for the first one.
/// </summary>
public sealed record MeasureOptions
{
    public required string Device { get; init; }
    public required MeasurementSetting Setting { get; init; }
    public int Warmup { get; init; } = 10;
    public int Runs { get; init; } = 50;
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Times each architecture this many times, spread over its chunk's run, and stores the median
    /// of the round medians: on shared machines slow phases last longer than one architecture's window.
    /// </summary>
    public int Rounds { get; init; } = 1;

    /// <summary>Architectures interleaved per chunk when <see cref="Rounds"/> is above 1; a crash loses at most one chunk.</summary>
    public int ChunkSize { get; init; } = DefaultChunkSize;

    public const int DefaultChunkSize = 10;

    /// <summary>Runtime recorded when the agent does not report one.</summary>
    public string? Runtime { get; init; }

    public MeasureOptions Validated()
    {
        SafeName.Check(Device, "device");
        Setting.Validated();
        Require.InRange(Warmup, 0, 100_000, "warmup");
        Require.InRange(Runs, 1, 100_000, "runs");
        Require.InRange(Rounds, 1, 10_000, "rounds");
        Require.InRange(ChunkSize, 1, 1_000_000, "chunk-size");
        Require.That(Timeout > TimeSpan.Zero, "timeout", $"must be positive (got {Timeout.TotalSeconds} s)");
        return this;
    }
}

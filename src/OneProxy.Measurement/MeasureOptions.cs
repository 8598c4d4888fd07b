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
        if (string.IsNullOrWhiteSpace(Device)) throw new ArgumentException("a device name is required");
        if (Device.Any(c => char.IsWhiteSpace(c) || c == ','))
            throw new ArgumentException($"device name '{Device}' must not contain spaces or commas (it becomes a CSV column)");
        Setting.Validated();
        if (Warmup < 0 || Runs < 1) throw new ArgumentException($"need warmup >= 0 and runs >= 1, got warmup {Warmup}, runs {Runs}");
        if (Rounds < 1 || ChunkSize < 1) throw new ArgumentException($"need rounds >= 1 and chunk size >= 1, got {Rounds} and {ChunkSize}");
        if (Timeout <= TimeSpan.Zero) throw new ArgumentException($"timeout must be positive, got {Timeout.TotalSeconds} s");
        return this;
    }
}

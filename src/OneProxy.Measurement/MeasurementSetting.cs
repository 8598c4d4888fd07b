namespace OneProxy.Measurement;

/// <summary>
/// The conditions a latency was measured under. Together with space, architecture and device
/// name it identifies a measurement: the store keeps one per (space, arch, device, setting).
/// Zero means "not known" (e.g. imported from a CSV that does not say).
/// </summary>
public sealed record MeasurementSetting(int BatchSize, int Threads, int InputSize)
{
    public static readonly MeasurementSetting Unknown = new(0, 0, 0);

    /// <summary>Throws with the bad value quoted if any field is negative.</summary>
    public MeasurementSetting Validated()
    {
        if (BatchSize < 0 || Threads < 0 || InputSize < 0)
            throw new InvalidOptionException("batch", $"batch size, threads and input size must be >= 0 (0 = unknown), got batch {BatchSize}, threads {Threads}, input {InputSize}");
        return this;
    }

    /// <summary>
    /// Where an agent's reported batch, threads or input contradict this requested setting (zero
    /// fields accept anything), e.g. "reports batch 64 but 1 was requested"; null if they agree.
    /// A contradiction would mislabel the data, so callers refuse the result.
    /// </summary>
    public string? Conflict(int? batch, int? threads, int? input)
    {
        foreach (var (field, reported, requested) in new[] { ("batch", batch, BatchSize), ("threads", threads, Threads), ("input", input, InputSize) })
            if (reported is int v && requested != 0 && v != requested)
                return $"reports {field} {v} but {requested} was requested";
        return null;
    }

    /// <summary>This setting with its unknown (zero) fields taken from what an agent reported.</summary>
    public MeasurementSetting FilledFrom(int? batch, int? threads, int? input) => new(
        BatchSize != 0 ? BatchSize : batch ?? 0, Threads != 0 ? Threads : threads ?? 0, InputSize != 0 ? InputSize : input ?? 0);

    /// <summary>A short label, e.g. "b1_t2_i224", used to tell apart columns of one device.</summary>
    public string Label => $"b{BatchSize}_t{Threads}_i{InputSize}";
}

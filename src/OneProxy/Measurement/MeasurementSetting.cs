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
            throw new ArgumentException($"batch size, threads and input size must be >= 0 (0 = unknown), got batch {BatchSize}, threads {Threads}, input {InputSize}");
        return this;
    }

    /// <summary>A short label, e.g. "b1_t2_i224", used to tell apart columns of one device.</summary>
    public string Label => $"b{BatchSize}_t{Threads}_i{InputSize}";
}

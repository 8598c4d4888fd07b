namespace OneProxy.Measurement;

/// <summary>
/// One stored latency with its provenance. <see cref="Architecture"/> is the space's canonical
/// text form. Mean, standard deviation and repetitions are null where the source did not give
/// them (an imported wide CSV holds one number per cell, stored as the median). The minimum is
/// the fastest timed run; on shared machines, where interference only ever slows a run down, it
/// is the steadiest statistic. <see cref="EnergyMj"/> is the energy per inference (mJ, static
/// power included) where the agent could read an energy counter (NVML, RAPL); null elsewhere.
/// </summary>
public sealed record LatencyMeasurement(
    string Space,
    string Architecture,
    string Device,
    MeasurementSetting Setting,
    string Runtime,
    double MedianMs,
    double? MeanMs,
    double? StdMs,
    int? Repetitions,
    DateTimeOffset MeasuredAt,
    string Source,
    double? MinMs = null,
    double? EnergyMj = null);

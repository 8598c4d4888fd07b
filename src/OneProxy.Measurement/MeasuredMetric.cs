namespace OneProxy.Measurement;

/// <summary>
/// Which measured quantity a wide export carries: latency (ms, with a <see cref="LatencyStatistic"/>)
/// or energy per inference (mJ, one number per measurement: the agent integrates it over a window
/// of back-to-back passes, so it has no per-run statistics). An energy table has the latency
/// table's shape and validity rules (non-negative per-inference cost), so every command that
/// reads a latency CSV reads it too.
/// </summary>
public enum MeasuredMetric { Latency, Energy }

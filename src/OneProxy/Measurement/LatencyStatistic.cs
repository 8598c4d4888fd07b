namespace OneProxy.Measurement;

/// <summary>Which stored number a wide export carries. Median is the default: robust to the odd slow run.</summary>
public enum LatencyStatistic { Median, Mean }

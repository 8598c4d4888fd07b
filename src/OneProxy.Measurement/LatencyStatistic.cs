namespace OneProxy.Measurement;

/// <summary>
/// Which stored number a wide export carries. Median is the default: robust to the odd slow run.
/// Min (the fastest run) is steadier where interference comes in phases that slow whole runs
/// down; measurements stored without it (imports, older agents) cannot be exported with it.
/// </summary>
public enum LatencyStatistic { Median, Mean, Min }

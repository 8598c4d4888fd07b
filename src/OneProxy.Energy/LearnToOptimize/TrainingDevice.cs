namespace OneProxy.Energy.LearnToOptimize;

/// <summary>
/// A real training device of D'_T: its features, and how to measure a pool design on it (one value
/// per metric, positive; a recorded column, or the accelerator cost model).
/// </summary>
public sealed record TrainingDevice(L2oDevice Device, Func<int, double[]> Measure);

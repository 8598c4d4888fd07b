namespace OneProxy.Energy.LearnToOptimize;

/// <summary>
/// The frozen Stage-1 networks of Eq. (1.8): accuracy Acc_ΘA(x) and one cost network per metric
/// (latency, and energy where the devices have it), plus the accuracy scale over the pool
/// (<see cref="SetAccuracyScale"/>): f̂ uses min-max normalised accuracy and costs (the spec's item 1).
/// </summary>
public sealed class PerformanceModels
{
    public PerformanceModels(PerformanceNetwork accuracy, IReadOnlyList<PerformanceNetwork> costs)
    {
        Accuracy = accuracy ?? throw new ArgumentNullException(nameof(accuracy));
        ArgumentNullException.ThrowIfNull(costs);
        if (costs.Count is < 1 or > 2) throw new ArgumentException($"need one or two cost networks (latency, energy), got {costs.Count}");
        if (accuracy.DeviceFeatures != 0) throw new ArgumentException($"the accuracy network must not take device features (it takes {accuracy.DeviceFeatures})");
        foreach (var c in costs)
            if (c.ArchFeatures != accuracy.ArchFeatures || c.DeviceFeatures != costs[0].DeviceFeatures)
                throw new ArgumentException($"cost network '{c.Metric}' takes {c.ArchFeatures} + {c.DeviceFeatures} features, expected {accuracy.ArchFeatures} + {costs[0].DeviceFeatures}");
        Costs = costs;
    }

    public PerformanceNetwork Accuracy { get; }
    public IReadOnlyList<PerformanceNetwork> Costs { get; }
    public int MetricCount => Costs.Count;
    public int ArchFeatures => Accuracy.ArchFeatures;
    public int DeviceFeatures => Costs[0].DeviceFeatures;

    /// <summary>Lowest predicted accuracy over the pool.</summary>
    public double AccuracyLow { get; private set; }

    /// <summary>Predicted accuracy range over the pool (1 when flat).</summary>
    public double AccuracySpan { get; private set; } = 1;

    /// <summary>Sets the accuracy scale from the pool and returns the pool's normalised predicted accuracy (0 worst, 1 best).</summary>
    public double[] SetAccuracyScale(L2oPool pool)
    {
        var a = Accuracy.PredictPool(pool, []);
        AccuracyLow = a.Min();
        double hi = a.Max();
        AccuracySpan = hi > AccuracyLow ? hi - AccuracyLow : 1;
        return a.Select(v => (v - AccuracyLow) / AccuracySpan).ToArray();
    }

    /// <summary>Restores a saved scale (model files).</summary>
    public void RestoreAccuracyScale(double low, double span)
    {
        if (!double.IsFinite(low) || !(span > 0)) throw new ArgumentException($"accuracy scale ({low}, {span}) is not usable");
        AccuracyLow = low;
        AccuracySpan = span;
    }
}

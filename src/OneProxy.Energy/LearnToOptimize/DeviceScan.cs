namespace OneProxy.Energy.LearnToOptimize;

/// <summary>
/// One device's predictions over the whole pool from the frozen networks: normalised accuracy
/// (shared by all devices) and per metric the predicted value exp(z) min-max normalised over the
/// pool. This is the per-device search: f̂(x; d, λ) = −â(x) + Σ_m λ_m ĉ_m(x; d) for every x, its
/// argmin is x*(d, λ) (exhaustive on the pool), and its range normalises the objective gap.
/// </summary>
public sealed class DeviceScan
{
    private DeviceScan(L2oDevice device, double[] accuracy, double[][] costs, double[] low, double[] span, double[][] relLog)
    {
        Device = device;
        Accuracy = accuracy;
        Costs = costs;
        CostLow = low;
        CostSpan = span;
        RelativeLog = relLog;
    }

    public L2oDevice Device { get; }

    /// <summary>â over the pool (0 = least accurate, 1 = most).</summary>
    public double[] Accuracy { get; }

    /// <summary>ĉ_m over the pool, per metric (0 = cheapest, 1 = dearest).</summary>
    public double[][] Costs { get; }

    /// <summary>Per metric: min of exp(z) over the pool (z relative to the device's log offset).</summary>
    public double[] CostLow { get; }

    /// <summary>Per metric: max − min of exp(z) over the pool.</summary>
    public double[] CostSpan { get; }

    /// <summary>Per metric: z over the pool (ln value − log offset).</summary>
    public double[][] RelativeLog { get; }

    public int PoolCount => Accuracy.Length;

    public static DeviceScan Run(PerformanceModels models, L2oPool pool, double[] normalisedAccuracy, L2oDevice device)
    {
        ArgumentNullException.ThrowIfNull(models);
        ArgumentNullException.ThrowIfNull(device);
        if (normalisedAccuracy.Length != pool.Count) throw new ArgumentException($"{normalisedAccuracy.Length} accuracies for a pool of {pool.Count}");
        int m = models.MetricCount;
        var costs = new double[m][];
        var rel = new double[m][];
        var low = new double[m];
        var span = new double[m];
        for (int k = 0; k < m; k++)
        {
            var z = rel[k] = models.Costs[k].PredictPool(pool, device.Features);
            var v = z.Select(t => Math.Exp(t)).ToArray();
            low[k] = v.Min();
            double hi = v.Max();
            span[k] = hi > low[k] ? hi - low[k] : 1;
            for (int i = 0; i < v.Length; i++) v[i] = (v[i] - low[k]) / span[k];
            costs[k] = v;
        }
        return new DeviceScan(device, normalisedAccuracy, costs, low, span, rel);
    }

    /// <summary>f̂ of pool design <paramref name="i"/>.</summary>
    public double Objective(int i, ReadOnlySpan<double> lambda)
    {
        double f = -Accuracy[i];
        for (int k = 0; k < Costs.Length; k++) f += lambda[k] * Costs[k][i];
        return f;
    }

    /// <summary>The exhaustive per-device optimum x*(d, λ) over the pool, with f̂'s min and max (the gap's scale).</summary>
    public (int Best, double Min, double Max) Optimum(ReadOnlySpan<double> lambda)
    {
        if (lambda.Length != Costs.Length) throw new ArgumentException($"{lambda.Length} trade-off weights for {Costs.Length} metrics");
        int best = 0;
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        for (int i = 0; i < Accuracy.Length; i++)
        {
            double f = Objective(i, lambda);
            if (f < min) { min = f; best = i; }
            if (f > max) max = f;
        }
        return (best, min, max);
    }

    /// <summary>Mean of f̂ over the pool: a uniformly random design's expected objective.</summary>
    public double Mean(ReadOnlySpan<double> lambda)
    {
        double s = 0;
        for (int i = 0; i < Accuracy.Length; i++) s += Objective(i, lambda);
        return s / Accuracy.Length;
    }

    /// <summary>Absolute predicted value of metric <paramref name="k"/> for pool design <paramref name="i"/> (exp(z + offset)).</summary>
    public double Predicted(int k, int i) => Math.Exp(RelativeLog[k][i] + Device.LogOffsets[k]);
}

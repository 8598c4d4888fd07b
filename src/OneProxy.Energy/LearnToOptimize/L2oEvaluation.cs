namespace OneProxy.Energy.LearnToOptimize;

/// <summary>
/// A device the optimizer never saw: its features, how to measure a design on it (for constraint
/// checks), and optionally its true costs over the whole pool (a fully measured device, for the
/// gap on the true objective).
/// </summary>
public sealed record EvaluationDevice(L2oDevice Device, Func<int, double[]> Measure, double[][]? TrueCosts = null);

/// <summary>One (device, λ): the learned optimizer's gap and the baselines'.</summary>
/// <param name="Gap">Normalised gap of x̂_Θ(d, λ) to the per-device optimum of f̂ (0 = optimum, 1 = worst design).</param>
/// <param name="NearestGap">Gap of the nearest training device's optimum x*(d_nn, λ) (reusing a proxy's answer).</param>
/// <param name="RandomGap">Expected gap of a uniformly random design.</param>
/// <param name="TrueGap">Gap of x̂ on the true objective (measured costs, table accuracy), NaN without true costs.</param>
/// <param name="SearchTrueGap">Gap of the per-device search's x*(d, λ) on the true objective (the predictors' own error).</param>
public sealed record L2oCase(string Device, DeviceKind Kind, double[] Lambda, double Gap, double NearestGap, double RandomGap,
    double TrueGap, double SearchTrueGap, int Design, int Optimum);

/// <summary>Time to a design for one device: the optimizer's forward pass against the per-device exhaustive search on the frozen networks.</summary>
public sealed record L2oTiming(string Device, double DesignMicroseconds, double SearchMilliseconds);

/// <summary>One device and bound: the optimizer with a bisection on λ, against the per-device constrained search on the same networks.</summary>
public sealed record L2oConstraintCase(string Device, int Percentile, double[] Bounds, bool Found, bool Violated, double Accuracy,
    bool SearchFound, bool SearchViolated, double SearchAccuracy, int Steps);

public sealed record L2oEvaluationResult(IReadOnlyList<L2oCase> Cases, IReadOnlyList<L2oTiming> Timings, IReadOnlyList<L2oConstraintCase> Constraints);

/// <summary>
/// Evaluates a trained optimizer on held-out devices: for random λ in the trained range, the
/// normalised gap of its design to the exhaustive per-device optimum of f̂, the gap of reusing the
/// nearest training device's optimum and of a random design, the true-objective gaps where the
/// device is fully measured, the time to a design, and bounds met or broken when λ is bisected
/// to meet latency (and energy) bounds.
/// </summary>
public static class L2oEvaluator
{
    public static L2oEvaluationResult Run(PerformanceModels models, OptimizerNetwork optimizer, L2oPool pool, Func<int, double> trueAccuracy,
        IReadOnlyList<L2oDevice> trainingDevices, IReadOnlyList<EvaluationDevice> tests, int lambdas, IReadOnlyList<int> percentiles,
        Random rng, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(models);
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(tests);
        if (lambdas < 1) throw new InvalidOptionException("lambdas", $"must be >= 1 (got {lambdas})");
        if (trainingDevices.Count == 0) throw new ArgumentException("no training devices for the nearest-device baseline");
        int m = models.MetricCount;
        var accNorm = models.SetAccuracyScale(pool);
        var trueAcc = Enumerable.Range(0, pool.Count).Select(trueAccuracy).ToArray();
        double taLo = trueAcc.Min(), taSpan = Math.Max(trueAcc.Max() - taLo, 1e-12);
        var nearestScans = new Dictionary<string, DeviceScan>();
        var cases = new List<L2oCase>();
        var timings = new List<L2oTiming>();
        var constraints = new List<L2oConstraintCase>();
        var ws = optimizer.Network.CreateWorkspace(1);
        foreach (var t in tests)
        {
            ct.ThrowIfCancellationRequested();
            var sw = System.Diagnostics.Stopwatch.StartNew();
            var scan = DeviceScan.Run(models, pool, accNorm, t.Device);
            var lam0 = optimizer.Lambda.Sample(m, rng);
            scan.Optimum(lam0);
            double searchMs = sw.Elapsed.TotalMilliseconds;
            // Time to a design: many forward passes, averaged (one is below the timer's resolution).
            const int reps = 2000;
            sw.Restart();
            for (int r = 0; r < reps; r++) optimizer.Design(t.Device.Features, lam0, ws);
            timings.Add(new L2oTiming(t.Device.Name, sw.Elapsed.TotalMilliseconds * 1000 / reps, searchMs));

            var near = trainingDevices.MinBy(x => Distance(x.Features, t.Device.Features))!;
            if (!nearestScans.TryGetValue(near.Name, out var nearScan)) nearestScans[near.Name] = nearScan = DeviceScan.Run(models, pool, accNorm, near);
            double[][]? trueNorm = t.TrueCosts?.Select(Normalise).ToArray();
            for (int q = 0; q < lambdas; q++)
            {
                var lam = optimizer.Lambda.Sample(m, rng);
                var design = optimizer.Design(t.Device.Features, lam, ws);
                int x = pool.IndexOf(design);
                var (best, min, max) = scan.Optimum(lam);
                double span = max > min ? max - min : 1;
                double gap = (scan.Objective(x, lam) - min) / span;
                double nearGap = (scan.Objective(nearScan.Optimum(lam).Best, lam) - min) / span;
                double randGap = (scan.Mean(lam) - min) / span;
                double tg = double.NaN, sg = double.NaN;
                if (trueNorm is not null)
                {
                    double F(int i) { double v = -(trueAcc[i] - taLo) / taSpan; for (int k = 0; k < m; k++) v += lam[k] * trueNorm[k][i]; return v; }
                    double tMin = double.PositiveInfinity, tMax = double.NegativeInfinity;
                    for (int i = 0; i < pool.Count; i++) { double v = F(i); tMin = Math.Min(tMin, v); tMax = Math.Max(tMax, v); }
                    double tSpan = tMax > tMin ? tMax - tMin : 1;
                    tg = (F(x) - tMin) / tSpan;
                    sg = (F(best) - tMin) / tSpan;
                }
                cases.Add(new L2oCase(t.Device.Name, t.Device.Kind, lam, gap, nearGap, randGap, tg, sg, x, best));
            }
            foreach (int p in percentiles) constraints.Add(Constrained(optimizer, pool, scan, t, trueAcc, p, ws));
        }
        return new L2oEvaluationResult(cases, timings, constraints);
    }

    /// <summary>
    /// Bounds at the p-th percentile of the device's predicted costs over the pool. The optimizer:
    /// bisection on s with λ_m = λ(s) for every metric (12 steps, each one forward pass; no target
    /// measurement), keeping the smallest s whose design is predicted within every bound. The
    /// per-device search: the most accurate pool design predicted within every bound. Both are
    /// then checked against the device's true costs.
    /// </summary>
    private static L2oConstraintCase Constrained(OptimizerNetwork optimizer, L2oPool pool, DeviceScan scan, EvaluationDevice t, double[] trueAcc, int p,
        Learning.NetworkWorkspace ws)
    {
        int m = scan.Costs.Length;
        var bounds = new double[m];
        for (int k = 0; k < m; k++)
        {
            var v = Enumerable.Range(0, pool.Count).Select(i => scan.Predicted(k, i)).Order().ToArray();
            bounds[k] = v[(int)Math.Round((v.Length - 1) * p / 100.0)];
        }
        bool PredictedWithin(int i) { for (int k = 0; k < m; k++) if (scan.Predicted(k, i) > bounds[k]) return false; return true; }
        bool TrulyWithin(int i) { var v = t.Measure(i); for (int k = 0; k < m; k++) if (v[k] > bounds[k]) return false; return true; }
        // The learned optimizer: bisection on s in [0, 1] along the ray λ_m = λ(s).
        double lo = 0, hi = 1;
        int found = -1, steps = 0;
        var lam = new double[m];
        for (; steps < 12; steps++)
        {
            double s = steps == 0 ? 1 : (lo + hi) / 2;
            Array.Fill(lam, optimizer.Lambda.At(s));
            int x = pool.IndexOf(optimizer.Design(t.Device.Features, lam, ws));
            if (x >= 0 && PredictedWithin(x)) { found = x; hi = s; }
            else if (steps == 0) { steps++; break; } // even the largest λ gives no design within the bounds
            else lo = s;
        }
        // The per-device search on the same networks.
        int best = -1;
        for (int i = 0; i < pool.Count; i++)
            if (PredictedWithin(i) && (best < 0 || scan.Accuracy[i] > scan.Accuracy[best])) best = i;
        return new L2oConstraintCase(t.Device.Name, p, bounds, found >= 0, found >= 0 && !TrulyWithin(found), found >= 0 ? trueAcc[found] : double.NaN,
            best >= 0, best >= 0 && !TrulyWithin(best), best >= 0 ? trueAcc[best] : double.NaN, steps);
    }

    private static double Distance(double[] a, double[] b)
    {
        double s = 0;
        for (int i = 0; i < a.Length; i++) s += (a[i] - b[i]) * (a[i] - b[i]);
        return s;
    }

    private static double[] Normalise(double[] v)
    {
        double lo = v.Min(), hi = v.Max(), span = hi > lo ? hi - lo : 1;
        return v.Select(x => (x - lo) / span).ToArray();
    }
}

namespace OneProxy.Energy.Constraints;

/// <summary>Bounds and knobs of one two-constraint search.</summary>
/// <param name="Tolerance">delta of Algorithm 1 as a fraction of a bound: a design within (1 - delta) of a
/// bound and under it counts as tight enough to stop.</param>
/// <param name="Granularity">Grid step of t (and of s on a ray): 0.001 gives at most 10 bisection steps.</param>
/// <param name="Phi">Energy's share of the weight on the first ray (Ray, RayTurn).</param>
public sealed record TwoConstraintOptions(double MaxLatency, double MaxEnergy, double Tolerance = 0.02, double Granularity = 0.001, double Phi = 0.5)
{
    public TwoConstraintOptions Validated()
    {
        if (!(MaxLatency > 0)) throw new InvalidOptionException("max-latency", $"must be positive (got {MaxLatency})");
        if (!(MaxEnergy > 0)) throw new InvalidOptionException("max-energy", $"must be positive (got {MaxEnergy})");
        if (!(Tolerance is >= 0 and < 1)) throw new InvalidOptionException("tolerance", $"must be in [0, 1) (got {Tolerance})");
        if (!(Granularity is >= 1e-6 and <= 0.5)) throw new InvalidOptionException("granularity", $"must be in [1e-6, 0.5] (got {Granularity})");
        if (!(Phi is >= 0 and <= 1)) throw new InvalidOptionException("phi", $"must be in [0, 1] (got {Phi})");
        return this;
    }
}

/// <summary>One target measurement: the weights tried, the design they gave, what the target said.</summary>
public sealed record TwoConstraintStep(double T1, double T2, int Design, double LatencyMs, double EnergyMj, bool Feasible);

/// <summary>The most accurate measured design within both bounds (null if none was), every step, and the measurement count.</summary>
public sealed record TwoConstraintResult(int? Best, IReadOnlyList<TwoConstraintStep> Steps, int TargetMeasurements);

/// <summary>
/// Eq. (1.7) on a new target: choose (t1, t2), t1, t2 >= 0, t1 + t2 <= 1, so that x*(t1, t2),
/// searched on the proxy's predictors, meets a latency and an energy bound on the target, with
/// few target measurements. The thesis gives no algorithm; <see cref="TwoConstraintMethod"/>
/// lists the three compared here. All rely on monotonicity: more weight on a cost gives a design
/// that costs less on the target too.
/// </summary>
public static class TwoConstraintSearch
{
    public static TwoConstraintResult Run(DesignPool pool, ITwoMetricTarget target, TwoConstraintOptions options, TwoConstraintMethod method)
    {
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(target);
        var o = options.Validated();
        int before = target.Measurements;
        var walk = new Walk(pool, target, o);
        switch (method)
        {
            case TwoConstraintMethod.Nested: walk.Nested(); break;
            case TwoConstraintMethod.Ray: walk.Ray(o.Phi); break;
            case TwoConstraintMethod.RayTurn: walk.RayTurn(); break;
            default: throw new ArgumentOutOfRangeException(nameof(method), method, "unknown method");
        }
        int? best = walk.Steps.Where(s => s.Feasible).OrderByDescending(s => pool.Accuracy[s.Design]).ThenBy(s => s.EnergyMj)
            .Select(s => (int?)s.Design).FirstOrDefault();
        return new TwoConstraintResult(best, walk.Steps, target.Measurements - before);
    }

    /// <summary>Largest number of bisection steps on a grid of <paramref name="points"/> + 1 values.</summary>
    public static int MaxSteps(int points) => (int)Math.Ceiling(Math.Log2(points + 1));

    private sealed class Walk(DesignPool pool, ITwoMetricTarget target, TwoConstraintOptions o)
    {
        private readonly int _grid = (int)Math.Round(1 / o.Granularity);
        public List<TwoConstraintStep> Steps { get; } = [];

        private TwoConstraintStep Try(double t1, double t2)
        {
            int x = pool.Solve(t1, t2);
            var (lat, en) = target.Measure(x);
            var step = new TwoConstraintStep(t1, t2, x, lat, en, lat <= o.MaxLatency && en <= o.MaxEnergy);
            Steps.Add(step);
            return step;
        }

        private bool Tight(double value, double bound) => value <= bound && value >= bound * (1 - o.Tolerance);

        public void Nested()
        {
            int lo2 = 0, hi2 = _grid;
            for (int outer = 0; outer < MaxSteps(_grid) && lo2 <= hi2; outer++)
            {
                int mid2 = (lo2 + hi2) / 2;
                double t2 = mid2 / (double)_grid;
                // Inner Algorithm 1 on t1 in [0, 1 - t2] for the latency bound.
                int lo1 = 0, hi1 = _grid - mid2;
                TwoConstraintStep? latencyOk = null;
                for (int inner = 0; inner < MaxSteps(_grid - mid2) && lo1 <= hi1; inner++)
                {
                    int mid1 = (lo1 + hi1) / 2;
                    var s = Try(mid1 / (double)_grid, t2);
                    if (s.LatencyMs > o.MaxLatency) { lo1 = mid1 + 1; continue; }
                    if (latencyOk is null || pool.Accuracy[s.Design] > pool.Accuracy[latencyOk.Design]) latencyOk = s;
                    if (Tight(s.LatencyMs, o.MaxLatency)) break;
                    hi1 = mid1 - 1;
                }
                if (latencyOk is null) hi2 = mid2 - 1;                 // latency unreachable here: give t1 more room
                else if (latencyOk.EnergyMj > o.MaxEnergy) lo2 = mid2 + 1; // over the energy bound: weigh energy more
                else if (Tight(latencyOk.EnergyMj, o.MaxEnergy)) break;
                else hi2 = mid2 - 1;                                    // energy to spare: weigh it less
            }
        }

        /// <summary>Bisection on s along t = s (1 - phi, phi) over [0, hiS]; returns the feasible step with the smallest s, if any.</summary>
        public TwoConstraintStep? Ray(double phi, int hiS = -1)
        {
            int lo = 0, hi = hiS < 0 ? _grid : hiS;
            TwoConstraintStep? found = null;
            for (int i = 0; i < MaxSteps(hi) && lo <= hi; i++)
            {
                int mid = (lo + hi) / 2;
                double s = mid / (double)_grid;
                var step = Try(s * (1 - phi), s * phi);
                if (!step.Feasible) { lo = mid + 1; continue; }
                found = step;
                if (Tight(step.LatencyMs, o.MaxLatency) || Tight(step.EnergyMj, o.MaxEnergy)) break;
                hi = mid - 1;
            }
            return found;
        }

        public void RayTurn()
        {
            int first = Steps.Count;
            var found = Ray(o.Phi);
            if (found is null) return;
            // The constraint the nearest infeasible step (largest s below the answer) broke is the binding one.
            double sFound = found.T1 + found.T2;
            var below = Steps.Skip(first).Where(s => !s.Feasible && s.T1 + s.T2 < sFound).OrderByDescending(s => s.T1 + s.T2).FirstOrDefault();
            if (below is null) return;
            bool latencyBroke = below.LatencyMs > o.MaxLatency, energyBroke = below.EnergyMj > o.MaxEnergy;
            if (latencyBroke == energyBroke) return; // both bind: the first ray's direction is right
            double phi = latencyBroke ? o.Phi / 2 : 1 - (1 - o.Phi) / 2;
            Ray(phi);
        }
    }
}

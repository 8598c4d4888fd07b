using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace OneProxy.Accelerators.Codesign;

/// <summary>Options of the co-design study (thesis ch.4 on one model set).</summary>
public sealed record CodesignOptions(string ModelSet, string Target = "hw19_KC-P", int K = 20, int Limit = int.MaxValue,
    double SrccThreshold = 0.97, int Seed = 0, StageRule Rule = StageRule.Pareto, double Slack = 0, int ParetoLayers = 1)
{
    public void Validate()
    {
        if (Array.IndexOf(Codesign.ModelSet.Names, ModelSet) < 0) throw new UnusableDataException($"--set must be nasbench301 or alphanet, got '{ModelSet}'");
        if (K <= 0) throw new UnusableDataException($"--k must be positive, got {K}");
        if (ParetoLayers < 1) throw new UnusableDataException($"--pareto-layers must be at least 1, got {ParetoLayers}");
        if (Slack is < 0 or > 1) throw new UnusableDataException($"--slack must be in [0, 1], got {Slack}");
        if (Limit < 10) throw new UnusableDataException($"--limit must be at least 10, got {Limit}");
        if (SrccThreshold is <= -1 or >= 1) throw new UnusableDataException($"--threshold must be in (-1, 1), got {SrccThreshold}");
    }
}

/// <summary>Per target constraint: the target optimum and what the semi-decoupled choice achieves over all proxies.</summary>
public sealed record ConstraintOutcome(Constraint Budget, int TargetOptimum, double TargetAccuracy,
    double MaxGap, double MeanGap, int ProxiesEqual, int ProxiesInfeasible, double MaxGapClosestRule,
    CodesignChoice Coupled, CodesignChoice SemiDecoupled);

/// <summary>One proxy's row: its SRCCs with the target, |P| and the accuracy gap per constraint.</summary>
public sealed record ProxyOutcome(string Proxy, double SrccLatency, double SrccEnergy, int PSize, double[] Gaps);

public sealed record CodesignResult(CodesignOptions Options, int Models, IReadOnlyList<NamedAccelerator> Accelerators,
    IReadOnlyList<(NamedAccelerator Accelerator, string Reason)> Rejected, int UniqueLayers, TimeSpan SweepTime,
    MonotonicitySummary Latency, MonotonicitySummary Energy, IReadOnlyList<ConstraintOutcome> Constraints,
    IReadOnlyList<ProxyOutcome> Proxies, long CoupledEvaluations, double MeanSemiEvaluations, string RandomProxy,
    SweepResult Sweep, double[] Accuracy)
{
    public string ProxiesCsv()
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder("proxy,srcc_latency,srcc_energy,p_size");
        for (int i = 0; i < Constraints.Count; i++) sb.Append(inv, $",gap_constraint{i + 1}");
        sb.AppendLine();
        foreach (var p in Proxies)
        {
            sb.Append(inv, $"{p.Proxy},{p.SrccLatency:0.0000},{p.SrccEnergy:0.0000},{p.PSize}");
            foreach (var g in p.Gaps) sb.Append(inv, $",{g:0.0000}");
            sb.AppendLine();
        }
        return sb.ToString();
    }
}

/// <summary>
/// The thesis's co-design study on one model set: the sweep of every model over the 153
/// accelerator candidates, latency and energy monotonicity across accelerators, the
/// effectiveness protocol (target hw19 KC-P; three budgets = the cycles and energy of the
/// target's accuracy/cycles/energy front points at 25/50/75 % of the front, raised by --slack; every other accelerator as proxy; P from Algorithm 6's stage 1;
/// best-accuracy feasible member of P chosen on the target) and Algorithm 6 against the fully
/// coupled search over all accelerators with a proxy drawn at random (--seed).
/// </summary>
public static class CodesignStudy
{
    public static CodesignResult Run(CodesignOptions o, CancellationToken ct = default)
    {
        o.Validate();
        var models = ModelSet.Load(o.ModelSet, o.Limit);
        var grid = AcceleratorGrid.Thesis();
        var sw = Stopwatch.StartNew();
        var sweep = AcceleratorSweep.Run(models.Select(m => m.Layers).ToArray(), grid, ct: ct);
        sw.Stop();
        var names = sweep.Accelerators.Select(a => a.Name).ToArray();
        int target = Array.IndexOf(names, o.Target);
        if (target < 0) throw new UnusableDataException($"--target '{o.Target}' is not a usable accelerator (known: {string.Join(", ", names.Take(5))}, ...)");
        var acc = models.Select(m => m.Accuracy).ToArray();
        var cyc = sweep.Cycles;
        var en = sweep.EnergyNj;
        var lat = MonotonicitySummary.Compute(names, cyc, o.SrccThreshold);
        var ene = MonotonicitySummary.Compute(names, en, o.SrccThreshold);

        var front = Selection.Front(acc, cyc[target], en[target]);
        var budgets = new[] { 0.25, 0.5, 0.75 }.Select(q =>
        {
            int f = front[(int)Math.Round(q * (front.Length - 1))];
            return new Constraint(cyc[target][f] * (1 + o.Slack), en[target][f] * (1 + o.Slack));
        }).ToArray();
        var all = Enumerable.Range(0, acc.Length).ToArray();
        var targetOpt = budgets.Select(b => Selection.Best(all, acc, cyc[target], en[target], b)).ToArray();

        var proxies = new List<ProxyOutcome>();
        var gaps = budgets.Select(_ => new List<double>()).ToArray();
        var closestGaps = budgets.Select(_ => new List<double>()).ToArray();
        var infeasible = new int[budgets.Length];
        long pSum = 0;
        for (int h = 0; h < names.Length; h++)
        {
            ct.ThrowIfCancellationRequested();
            if (h == target) continue;
            var s1 = SemiDecoupled.Stage1(h, acc, cyc, en, o.K, o.Rule, o.ParetoLayers);
            pSum += s1.P.Count;
            var g = new double[budgets.Length];
            for (int b = 0; b < budgets.Length; b++)
            {
                int pick = Selection.Best(s1.P, acc, cyc[target], en[target], budgets[b]);
                if (pick < 0) { infeasible[b]++; g[b] = double.NaN; continue; }
                g[b] = acc[targetOpt[b]] - acc[pick];
                gaps[b].Add(g[b]);
                int closest = s1.P.Where(m => budgets[b].Admits(cyc[target][m], en[target][m]))
                    .OrderByDescending(m => cyc[target][m] / budgets[b].Cycles + en[target][m] / budgets[b].EnergyNj).First();
                closestGaps[b].Add(acc[targetOpt[b]] - acc[closest]);
            }
            proxies.Add(new ProxyOutcome(names[h], lat.Matrix[h, target], ene.Matrix[h, target], s1.P.Count, g));
        }

        // Algorithm 6 over all accelerators, proxy drawn at random from a named sub-stream of the seed.
        var rng = new Random(StableHash("codesign-proxy", o.Seed));
        int randomProxy = rng.Next(names.Length);
        var hw = Enumerable.Range(0, names.Length).ToArray();
        var s1r = SemiDecoupled.Stage1(randomProxy, acc, cyc, en, o.K, o.Rule, o.ParetoLayers);
        var outcomes = new List<ConstraintOutcome>();
        for (int b = 0; b < budgets.Length; b++)
        {
            var coupled = SemiDecoupled.Coupled(hw, acc, cyc, en, budgets[b]);
            var semi = SemiDecoupled.Stage2(s1r, hw, acc, cyc, en, budgets[b]);
            var gb = gaps[b];
            outcomes.Add(new ConstraintOutcome(budgets[b], targetOpt[b], acc[targetOpt[b]],
                gb.Count == 0 ? double.NaN : gb.Max(), gb.Count == 0 ? double.NaN : gb.Average(),
                gb.Count(x => Math.Abs(x) < 1e-9), infeasible[b], closestGaps[b].Count == 0 ? double.NaN : closestGaps[b].Max(),
                coupled, semi));
        }
        return new CodesignResult(o, models.Count, sweep.Accelerators, sweep.Rejected, sweep.UniqueLayers, sw.Elapsed, lat, ene,
            outcomes, proxies, (long)names.Length * acc.Length, acc.Length + (names.Length - 1) * (pSum / (double)(names.Length - 1)),
            names[randomProxy], sweep, acc);
    }

    /// <summary>A deterministic seed for a named random sub-stream (string.GetHashCode is randomised per process).</summary>
    internal static int StableHash(string name, int seed)
    {
        unchecked
        {
            int h = (int)2166136261 ^ seed;
            foreach (char ch in name) h = (h ^ ch) * 16777619;
            return h;
        }
    }
}

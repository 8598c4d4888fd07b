using System.Globalization;
using System.Text;
using OneProxy.Reports;
using OneProxy.Reports.Figures;
using OneProxy.Search;
using OneProxy.SearchSpaces;

namespace OneProxy.Accelerators.Codesign;

/// <summary>Text/CSV/JSON summaries and the front plot of a <see cref="CodesignResult"/>.</summary>
public static class CodesignReport
{
    public static string Format(CodesignResult r, string format)
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        var names = r.Accelerators.Select(a => a.Name).ToArray();
        if (format == "csv")
        {
            sb.AppendLine("set,constraint,cycles_budget,energy_budget_nj,target_opt_index,target_opt_acc,max_gap_all_proxies,mean_gap,proxies_equal,proxies_infeasible,max_gap_closest_rule,coupled_acc,coupled_hw,coupled_evals,semi_acc,semi_hw,semi_evals,random_proxy");
            for (int i = 0; i < r.Constraints.Count; i++)
            {
                var c = r.Constraints[i];
                sb.AppendLine(string.Create(inv, $"{r.Options.ModelSet},{i + 1},{c.Budget.Cycles:0},{c.Budget.EnergyNj:0.#},{c.TargetOptimum},{c.TargetAccuracy:0.0000},{c.MaxGap:0.0000},{c.MeanGap:0.0000},{c.ProxiesEqual},{c.ProxiesInfeasible},{c.MaxGapClosestRule:0.0000},{c.Coupled.Accuracy:0.0000},{Hw(names, c.Coupled.Accelerator)},{c.Coupled.Evaluations},{c.SemiDecoupled.Accuracy:0.0000},{Hw(names, c.SemiDecoupled.Accelerator)},{c.SemiDecoupled.Evaluations},{r.RandomProxy}"));
            }
            return sb.ToString();
        }
        if (format == "json")
        {
            sb.Append(inv, $"{{\"set\":\"{r.Options.ModelSet}\",\"models\":{r.Models},\"accelerators\":{names.Length},\"latency_share_above\":{r.Latency.ShareAbove:0.0000},\"energy_share_above\":{r.Energy.ShareAbove:0.0000},\"coupled_evaluations\":{r.CoupledEvaluations},\"semi_evaluations\":{r.MeanSemiEvaluations:0.#},\"constraints\":[");
            for (int i = 0; i < r.Constraints.Count; i++)
            {
                var c = r.Constraints[i];
                if (i > 0) sb.Append(',');
                sb.Append(inv, $"{{\"cycles\":{c.Budget.Cycles:0},\"energy_nj\":{c.Budget.EnergyNj:0.#},\"target_acc\":{c.TargetAccuracy:0.0000},\"max_gap\":{c.MaxGap:0.0000},\"proxies_equal\":{c.ProxiesEqual},\"proxies_infeasible\":{c.ProxiesInfeasible},\"coupled_acc\":{c.Coupled.Accuracy:0.0000},\"semi_acc\":{c.SemiDecoupled.Accuracy:0.0000}}}");
            }
            sb.AppendLine("]}");
            return sb.ToString();
        }
        int proxies = r.Proxies.Count;
        sb.AppendLine(string.Create(inv, $"{r.Options.ModelSet}: {r.Models} models, {names.Length} accelerators ({r.Rejected.Count} KC-P candidates rejected), {r.UniqueLayers} distinct layers, sweep {r.SweepTime.TotalSeconds:0.00} s"));
        sb.AppendLine(string.Create(inv, $"cycles SRCC between accelerators: {r.Latency.ShareAbove:P1} of pairs > {r.Latency.Threshold:0.00}; min {r.Latency.MinSrcc:0.000}; accelerators with mean SRCC > {r.Latency.Threshold:0.00}: {r.Latency.MeanPerAccelerator.Count(x => x > r.Latency.Threshold)}/{names.Length}"));
        sb.AppendLine(string.Create(inv, $"energy SRCC between accelerators: {r.Energy.ShareAbove:P1} of pairs > {r.Energy.Threshold:0.00}; min {r.Energy.MinSrcc:0.000}; accelerators with mean SRCC > {r.Energy.Threshold:0.00}: {r.Energy.MeanPerAccelerator.Count(x => x > r.Energy.Threshold)}/{names.Length}"));
        sb.AppendLine(string.Create(inv, $"search cost: coupled {r.CoupledEvaluations:N0} evaluations; semi-decoupled {r.MeanSemiEvaluations:N0} (mean |P| {(r.MeanSemiEvaluations - r.Models) / (names.Length - 1):0.0}); ratio {r.CoupledEvaluations / r.MeanSemiEvaluations:0.0}x"));
        sb.AppendLine(string.Create(inv, $"effectiveness on target {r.Options.Target}, every other accelerator as proxy ({proxies}):"));
        for (int i = 0; i < r.Constraints.Count; i++)
        {
            var c = r.Constraints[i];
            sb.AppendLine(string.Create(inv, $"  constraint {i + 1}: cycles <= {c.Budget.Cycles:N0}, energy <= {c.Budget.EnergyNj:N0} nJ; target optimum #{c.TargetOptimum} {c.TargetAccuracy:0.00}%; semi-decoupled pick equal for {c.ProxiesEqual}/{proxies} proxies, max gap {c.MaxGap:0.000} pts, mean {c.MeanGap:0.0000}, none feasible {c.ProxiesInfeasible}; closest-to-budget rule max gap {c.MaxGapClosestRule:0.000}"));
        }
        sb.AppendLine(string.Create(inv, $"co-design over all accelerators (Algorithm 6, random proxy {r.RandomProxy}, seed {r.Options.Seed}):"));
        for (int i = 0; i < r.Constraints.Count; i++)
        {
            var c = r.Constraints[i];
            sb.AppendLine(string.Create(inv, $"  constraint {i + 1}: coupled {c.Coupled.Accuracy:0.00}% on {Hw(names, c.Coupled.Accelerator)} ({c.Coupled.Evaluations:N0} evals); semi-decoupled {c.SemiDecoupled.Accuracy:0.00}% on {Hw(names, c.SemiDecoupled.Accelerator)} ({c.SemiDecoupled.Evaluations:N0} evals)"));
        }
        var worst = r.Proxies.OrderBy(p => p.SrccLatency).Take(2);
        foreach (var p in worst)
            sb.AppendLine(string.Create(inv, $"  least monotone proxy {p.Proxy}: SRCC cycles {p.SrccLatency:0.000}, energy {p.SrccEnergy:0.000}, |P| {p.PSize}, gaps {string.Join(" / ", p.Gaps.Select(g => g.ToString("0.000", inv)))}"));
        return sb.ToString();
    }

    private static string Hw(string[] names, int i) => i >= 0 ? names[i] : "none";

    /// <summary>Target's accuracy vs Mcycles scatter, its front, and the target optima of the three constraints.</summary>
    public static Figure Front(CodesignResult r)
    {
        int t = r.Accelerators.Select(a => a.Name).ToList().IndexOf(r.Options.Target);
        var cyc = r.Sweep.Cycles[t];
        Candidate C(int m) => new(new Architecture([m]), cyc[m] / 1e6, r.Accuracy[m]);
        var all = Enumerable.Range(0, r.Accuracy.Length).Select(C).ToArray();
        var front = Selection.Front(r.Accuracy, cyc, r.Sweep.EnergyNj[t]);
        var staircase = Pareto2(r.Accuracy, cyc).Select(C).ToArray();
        var opts = r.Constraints.Select(c => C(c.TargetOptimum)).ToArray();
        return ParetoPlot.Create($"{r.Options.ModelSet} on {r.Options.Target}: accuracy vs Mcycles", [
            new PlotSeries("all models", all, "#999999", false),
            new PlotSeries("acc/cycles/energy front", front.Select(C).ToArray(), "#0072B2", false),
            new PlotSeries("acc/cycles front", staircase, "#000000", true),
            new PlotSeries("target optima of the 3 budgets", opts, "#D55E00", false),
        ], $"Mcycles on {r.Options.Target} (MAESTRO-style cost model)");
    }

    private static int[] Pareto2(double[] acc, double[] cyc)
    {
        var order = Enumerable.Range(0, acc.Length).OrderBy(m => cyc[m]).ThenByDescending(m => acc[m]);
        var front = new List<int>();
        double best = double.NegativeInfinity;
        foreach (var m in order) if (acc[m] > best) { front.Add(m); best = acc[m]; }
        return front.ToArray();
    }
}

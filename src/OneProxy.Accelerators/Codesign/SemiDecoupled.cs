namespace OneProxy.Accelerators.Codesign;

/// <summary>How stage 1 chooses its K constraint pairs on the proxy.</summary>
public enum StageRule { Quantiles, Front, Pareto }

/// <summary>Stage 1 of Algorithm 6 on one proxy: the K constraint pairs and the optimal set P they give.</summary>
public sealed record ProxyStage(int Proxy, IReadOnlyList<Constraint> Constraints, IReadOnlyList<int> P);

/// <summary>The choice of one co-design run: model and accelerator (indices), accuracy, and evaluations spent.</summary>
public sealed record CodesignChoice(int Model, int Accelerator, double Accuracy, long Evaluations);

/// <summary>
/// Thesis Algorithm 6 (semi-decoupled co-design) and the fully coupled baseline, with exhaustive
/// search in both stages over precomputed cycles/energy tables ([accelerator][model]).
/// Stage 1 builds P on the proxy from K (L_k, E_k) pairs; the thesis gives no grid (spec
/// ambiguity 4). <see cref="StageRule.Quantiles"/> (default): L_k, E_k = the k/K quantiles of the
/// proxy's cycles and energy over the model set; <see cref="StageRule.Front"/>: K evenly spaced
/// points of the proxy's (accuracy, cycles, energy) Pareto front; <see cref="StageRule.Pareto"/>: every
/// point of that front (K ignored), which is exact under perfect cycles and energy monotonicity
/// (the thesis's Proposition 2). P holds at most K models except with Pareto. Evaluations count one
/// (model, accelerator) cost lookup: M for stage 1 (exhaustive), |P| per other accelerator in stage 2.
/// </summary>
public static class SemiDecoupled
{
    public static ProxyStage Stage1(int proxy, double[] accuracy, double[][] cycles, double[][] energy, int k, StageRule rule = StageRule.Quantiles, int paretoLayers = 1)
    {
        if (k <= 0) throw new UnusableDataException($"K must be positive, got {k}");
        if (paretoLayers <= 0) throw new UnusableDataException($"Pareto layers must be positive, got {paretoLayers}");
        if (rule == StageRule.Pareto && paretoLayers > 1)
        {
            // The thesis's fallback (L1784): enlarge P with near-Pareto models, here the next non-dominated layers.
            var left = Enumerable.Range(0, accuracy.Length).ToList();
            var pl = new List<int>();
            for (int layer = 0; layer < paretoLayers && left.Count > 0; layer++)
            {
                var sub = Selection.Front(left.Select(m => accuracy[m]).ToArray(), left.Select(m => cycles[proxy][m]).ToArray(), left.Select(m => energy[proxy][m]).ToArray())
                    .Select(i => left[i]).ToArray();
                pl.AddRange(sub);
                var drop = new HashSet<int>(sub);
                left.RemoveAll(drop.Contains);
            }
            return new ProxyStage(proxy, pl.Select(m => new Constraint(cycles[proxy][m], energy[proxy][m])).ToArray(), pl);
        }
        var constraints = new List<Constraint>();
        var p = new List<int>();
        var all = Enumerable.Range(0, accuracy.Length).ToArray();
        if (rule == StageRule.Quantiles)
        {
            var cs = cycles[proxy].Order().ToArray();
            var es = energy[proxy].Order().ToArray();
            for (int i = 1; i <= k; i++)
            {
                int q = (int)Math.Round(i / (double)k * (cs.Length - 1));
                constraints.Add(new Constraint(cs[q], es[q]));
            }
        }
        else
        {
            var front = Selection.Front(accuracy, cycles[proxy], energy[proxy]);
            int count = rule == StageRule.Pareto ? front.Length : Math.Min(k, front.Length);
            for (int i = 0; i < count; i++)
            {
                int f = front[count == 1 ? front.Length - 1 : (int)Math.Round(i * (front.Length - 1) / (double)(count - 1))];
                constraints.Add(new Constraint(cycles[proxy][f], energy[proxy][f]));
            }
        }
        foreach (var c in constraints)
        {
            int a = Selection.Best(all, accuracy, cycles[proxy], energy[proxy], c);
            if (a >= 0 && !p.Contains(a)) p.Add(a);
        }
        return new ProxyStage(proxy, constraints, p);
    }

    /// <summary>Stage 2 over the given accelerators: best model of P within the budget on each, best overall.</summary>
    public static CodesignChoice Stage2(ProxyStage s1, IReadOnlyList<int> hardware, double[] accuracy, double[][] cycles, double[][] energy, Constraint c)
    {
        int bestM = -1, bestH = -1;
        long evals = accuracy.Length;
        foreach (int h in hardware)
        {
            if (h != s1.Proxy) evals += s1.P.Count;
            int m = Selection.Best(s1.P, accuracy, cycles[h], energy[h], c);
            if (m >= 0 && (bestM < 0 || accuracy[m] > accuracy[bestM])) { bestM = m; bestH = h; }
        }
        return new CodesignChoice(bestM, bestH, bestM >= 0 ? accuracy[bestM] : double.NaN, evals);
    }

    /// <summary>The fully coupled search: every model on every accelerator.</summary>
    public static CodesignChoice Coupled(IReadOnlyList<int> hardware, double[] accuracy, double[][] cycles, double[][] energy, Constraint c)
    {
        var all = Enumerable.Range(0, accuracy.Length).ToArray();
        int bestM = -1, bestH = -1;
        foreach (int h in hardware)
        {
            int m = Selection.Best(all, accuracy, cycles[h], energy[h], c);
            if (m >= 0 && (bestM < 0 || accuracy[m] > accuracy[bestM])) { bestM = m; bestH = h; }
        }
        return new CodesignChoice(bestM, bestH, bestM >= 0 ? accuracy[bestM] : double.NaN, (long)hardware.Count * accuracy.Length);
    }
}

namespace OneProxy.Accelerators.Codesign;

/// <summary>Stage 1 of Algorithm 6 on one proxy: the K constraint pairs and the optimal set P they give.</summary>
public sealed record ProxyStage(int Proxy, IReadOnlyList<Constraint> Constraints, IReadOnlyList<int> P);

/// <summary>The choice of one co-design run: model and accelerator (indices), accuracy, and evaluations spent.</summary>
public sealed record CodesignChoice(int Model, int Accelerator, double Accuracy, long Evaluations);

/// <summary>
/// Thesis Algorithm 6 (semi-decoupled co-design) and the fully coupled baseline, with exhaustive
/// search in both stages over precomputed cycles/energy tables ([accelerator][model]).
/// Stage 1 builds P on the proxy from K (L_k, E_k) pairs taken at K evenly spaced points (by
/// cycles) of the proxy's (accuracy, cycles, energy) Pareto front — the thesis gives no grid,
/// this is the spec's suggested choice 4 — so P holds at most K models. Evaluations count one
/// (model, accelerator) cost lookup: M for stage 1 (exhaustive), |P| per other accelerator in stage 2.
/// </summary>
public static class SemiDecoupled
{
    public static ProxyStage Stage1(int proxy, double[] accuracy, double[][] cycles, double[][] energy, int k)
    {
        if (k <= 0) throw new ArgumentException($"K must be positive, got {k}");
        var front = Selection.Front(accuracy, cycles[proxy], energy[proxy]);
        var constraints = new List<Constraint>();
        var p = new List<int>();
        var all = Enumerable.Range(0, accuracy.Length).ToArray();
        int count = Math.Min(k, front.Length);
        for (int i = 0; i < count; i++)
        {
            int f = front[count == 1 ? front.Length - 1 : (int)Math.Round(i * (front.Length - 1) / (double)(count - 1))];
            var c = new Constraint(cycles[proxy][f], energy[proxy][f]);
            constraints.Add(c);
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

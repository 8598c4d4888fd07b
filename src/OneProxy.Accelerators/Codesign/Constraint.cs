namespace OneProxy.Accelerators.Codesign;

/// <summary>A latency (cycles) and energy (nJ) budget.</summary>
public readonly record struct Constraint(double Cycles, double EnergyNj)
{
    public bool Admits(double cycles, double energy) => cycles <= Cycles && energy <= EnergyNj;
}

/// <summary>Exhaustive constrained selection over a model set on one accelerator.</summary>
public static class Selection
{
    /// <summary>Index of the most accurate model within the budget among <paramref name="candidates"/>, or -1.</summary>
    public static int Best(IReadOnlyList<int> candidates, double[] accuracy, double[] cycles, double[] energy, Constraint c)
    {
        int best = -1;
        foreach (int m in candidates)
            if (c.Admits(cycles[m], energy[m]) && (best < 0 || accuracy[m] > accuracy[best] || (accuracy[m] == accuracy[best] && cycles[m] < cycles[best])))
                best = m;
        return best;
    }

    /// <summary>Models on the (accuracy up, cycles down, energy down) Pareto front of one accelerator, by ascending cycles.</summary>
    public static int[] Front(double[] accuracy, double[] cycles, double[] energy)
    {
        int n = accuracy.Length;
        var order = Enumerable.Range(0, n).OrderBy(m => cycles[m]).ThenBy(m => energy[m]).ThenByDescending(m => accuracy[m]).ToArray();
        var front = new List<int>();
        foreach (int m in order)
        {
            bool dominated = false;
            foreach (int f in front)
                if (cycles[f] <= cycles[m] && energy[f] <= energy[m] && accuracy[f] >= accuracy[m]) { dominated = true; break; }
            if (!dominated) front.Add(m);
        }
        return front.ToArray();
    }
}

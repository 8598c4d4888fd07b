namespace OneProxy.Accelerators;

/// <summary>Cycles and energy of every model on every accelerator the mapping runs on.</summary>
public sealed record SweepResult(
    IReadOnlyList<NamedAccelerator> Accelerators,
    IReadOnlyList<(NamedAccelerator Accelerator, string Reason)> Rejected,
    /// <summary>[accelerator][model] cycles.</summary>
    double[][] Cycles,
    /// <summary>[accelerator][model] energy in nJ.</summary>
    double[][] EnergyNj,
    int UniqueLayers);

/// <summary>
/// Evaluates many networks on many accelerators fast: layers are deduplicated across networks,
/// each distinct layer is costed once per accelerator (layer analyses are shared between
/// bandwidths), and networks are summed from the per-layer table in parallel.
/// </summary>
public static class AcceleratorSweep
{
    /// <summary>Distinct layers of the models and, per model, the index of each of its layers among them.</summary>
    public static (Layer[] Layers, int[][] Index) Deduplicate(IReadOnlyList<IReadOnlyList<Layer>> models)
    {
        var unique = new Dictionary<Layer, int>();
        var index = new int[models.Count][];
        for (int m = 0; m < models.Count; m++)
        {
            var ls = models[m];
            var ix = new int[ls.Count];
            for (int i = 0; i < ls.Count; i++)
            {
                if (!unique.TryGetValue(ls[i], out int u)) { u = unique.Count; unique[ls[i]] = u; }
                ix[i] = u;
            }
            index[m] = ix;
        }
        var layers = new Layer[unique.Count];
        foreach (var (l, u) in unique) layers[u] = l;
        return (layers, index);
    }

    /// <summary>Per accelerator, the cost of every distinct layer (accelerators must accept every layer).</summary>
    public static LayerCost[][] LayerTables(Layer[] layers, IReadOnlyList<NamedAccelerator> accelerators, CostModel model, CancellationToken ct = default)
    {
        var tables = new LayerCost[accelerators.Count][];
        for (int a = 0; a < accelerators.Count; a++) tables[a] = new LayerCost[layers.Length];
        Parallel.For(0, accelerators.Count * layers.Length, new ParallelOptions { CancellationToken = ct }, k =>
        {
            int a = k / layers.Length, u = k % layers.Length;
            tables[a][u] = model.EvaluateLayer(layers[u], accelerators[a].Config);
        });
        return tables;
    }

    public static SweepResult Run(IReadOnlyList<IReadOnlyList<Layer>> models, IReadOnlyList<NamedAccelerator> accelerators,
        CostModel? model = null, CancellationToken ct = default)
    {
        model ??= CostModel.Shared;
        var (layers, index) = Deduplicate(models);
        var kept = new List<NamedAccelerator>();
        var rejected = new List<(NamedAccelerator, string)>();
        foreach (var a in accelerators)
        {
            string? why = null;
            foreach (var l in layers) { why = model.Rejection(l, a.Config); if (why != null) break; }
            if (why == null) kept.Add(a); else rejected.Add((a, why));
        }

        var cycles = new double[kept.Count][];
        var energy = new double[kept.Count][];
        var po = new ParallelOptions { CancellationToken = ct };
        var tables = LayerTables(layers, kept, model, ct);
        for (int a = 0; a < kept.Count; a++) { cycles[a] = new double[models.Count]; energy[a] = new double[models.Count]; }
        Parallel.For(0, models.Count, po, m =>
        {
            var ix = index[m];
            for (int a = 0; a < kept.Count; a++)
            {
                var t = tables[a];
                long cyc = 0;
                double en = 0;
                long prevL1 = 0;
                foreach (int u in ix)
                {
                    var c = t[u];
                    cyc += c.Cycles;
                    en += c.EnergyNj(c.MultiLevel ? prevL1 : c.L1Accesses);
                    prevL1 = c.L1Accesses;
                }
                cycles[a][m] = cyc;
                energy[a][m] = en;
            }
        });
        return new SweepResult(kept, rejected, cycles, energy, layers.Length);
    }
}

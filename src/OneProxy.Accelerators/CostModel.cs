using System.Collections.Concurrent;
using OneProxy.Accelerators.Maestro;

namespace OneProxy.Accelerators;

/// <summary>
/// Analytical accelerator cost model: a C# reimplementation of MAESTRO's data-centric model
/// (Kwon et al., MICRO'19; maestro-project/maestro at 4eb08d1) for its KC-P, YR-P, X-P and
/// depth-wise templates. Results match MAESTRO's own outputs to the figures in docs/codesign.md
/// (golden tests in tests/OneProxy.Accelerators.Tests/Golden).
/// <para>
/// Layer analyses do not depend on bandwidths and are cached per (layer, dataflow, PEs); the cache
/// is thread-safe, so callers may evaluate architectures in parallel.
/// </para>
/// </summary>
public sealed class CostModel
{
    private readonly ConcurrentDictionary<(Layer, Dataflow, int), Lazy<Analysis>> _cache = new();

    private sealed class Analysis
    {
        public LayerAnalysis? Plan;
        public string? Rejection;
    }

    /// <summary>A shared instance (its cache grows with every distinct layer it sees).</summary>
    public static CostModel Shared { get; } = new();

    private Analysis Get(in Layer layer, Dataflow dataflow, int numPes)
    {
        var key = (layer, dataflow, numPes);
        return _cache.GetOrAdd(key, static k => new Lazy<Analysis>(() =>
        {
            try { return new Analysis { Plan = new LayerAnalysis(k.Item1, k.Item2, k.Item3) }; }
            catch (MappingRejectedException e) { return new Analysis { Rejection = e.Message }; }
        })).Value;
    }

    /// <summary>Cost of one layer; throws <see cref="MappingRejectedException"/> when MAESTRO rejects the mapping.</summary>
    public LayerCost EvaluateLayer(in Layer layer, AcceleratorConfig hw)
    {
        var a = Get(layer, hw.Dataflow, hw.NumPes);
        if (a.Rejection != null) throw new MappingRejectedException(a.Rejection);
        var plan = a.Plan!;
        var top = plan.Top;
        long cycles = top.Runtime(true, hw.NocBandwidth, hw.NocHops, hw.OffchipBandwidth);
        long l2 = top.UpRead[0] + top.UpWrite[0] + top.UpRead[1] + top.UpWrite[1] + top.UpWrite[2];
        long l1 = 0;
        for (int k = 0; k < 3; k++) l1 += top.DownRead[k] + top.DownWrite[k];
        return new LayerCost(cycles, l2, l1, top.PartialSums, plan.Levels > 1);
    }

    /// <summary>
    /// Network cycles and energy. Energy follows MAESTRO's report: each layer's L2 accesses plus,
    /// for a layer analysed on one cluster level its own L1 accesses, for a multi-level one the L1
    /// accesses of the layer before it (none for the first layer).
    /// </summary>
    public NetworkCost Evaluate(IReadOnlyList<Layer> layers, AcceleratorConfig hw)
    {
        ArgumentNullException.ThrowIfNull(layers);
        ArgumentNullException.ThrowIfNull(hw);
        long cycles = 0;
        double energy = 0;
        long prevL1 = 0;
        for (int i = 0; i < layers.Count; i++)
        {
            var c = EvaluateLayer(layers[i], hw);
            cycles += c.Cycles;
            energy += c.EnergyNj(c.MultiLevel ? prevL1 : c.L1Accesses);
            prevL1 = c.L1Accesses;
        }
        return new NetworkCost(cycles, energy);
    }

    /// <summary>Per-layer cycles and energy as MAESTRO's CSV reports them (same energy rule as <see cref="Evaluate"/>).</summary>
    public IReadOnlyList<(long Cycles, double EnergyNj)> EvaluatePerLayer(IReadOnlyList<Layer> layers, AcceleratorConfig hw)
    {
        var r = new (long, double)[layers.Count];
        long prevL1 = 0;
        for (int i = 0; i < layers.Count; i++)
        {
            var c = EvaluateLayer(layers[i], hw);
            r[i] = (c.Cycles, c.EnergyNj(c.MultiLevel ? prevL1 : c.L1Accesses));
            prevL1 = c.L1Accesses;
        }
        return r;
    }

    /// <summary>Why MAESTRO rejects this layer on this hardware, or null when it runs.</summary>
    public string? Rejection(in Layer layer, AcceleratorConfig hw) => Get(layer, hw.Dataflow, hw.NumPes).Rejection;
}

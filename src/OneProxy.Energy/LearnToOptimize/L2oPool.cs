using OneProxy.Energy.Gradient;

namespace OneProxy.Energy.LearnToOptimize;

/// <summary>
/// The designs the per-device optimum is taken over (all of NAS-Bench-201's 15,625, or a sample of
/// a larger space), one-hot encoded once: row i of <see cref="Features"/> is design i's
/// <see cref="OneHotLayout.Encode"/> (bias 1 last).
/// </summary>
public sealed class L2oPool
{
    public L2oPool(OneHotLayout layout, IReadOnlyList<int[]> genes)
    {
        Layout = layout ?? throw new ArgumentNullException(nameof(layout));
        ArgumentNullException.ThrowIfNull(genes);
        if (genes.Count < 2) throw new ArgumentException($"a pool needs at least 2 designs, got {genes.Count}");
        int f = layout.FeatureCount;
        Features = new double[(long)genes.Count * f];
        for (int i = 0; i < genes.Count; i++)
        {
            var g = genes[i];
            if (g.Length != layout.GeneCount) throw new ArgumentException($"design {i} has {g.Length} genes, the layout {layout.GeneCount}");
            for (int k = 0; k < g.Length; k++)
                if ((uint)g[k] >= (uint)layout.Choices[k]) throw new ArgumentException($"design {i}, gene {k}: choice {g[k]} of {layout.Choices[k]}");
            layout.Encode(g, Features.AsSpan(i * f, f));
        }
        Genes = genes;
        _index = new Dictionary<string, int>(genes.Count);
        for (int i = 0; i < genes.Count; i++) _index.TryAdd(Key(genes[i]), i);
    }

    private readonly Dictionary<string, int> _index;

    public OneHotLayout Layout { get; }
    public IReadOnlyList<int[]> Genes { get; }
    public double[] Features { get; }
    public int Count => Genes.Count;
    public int FeatureCount => Layout.FeatureCount;

    /// <summary>Pool index of a design, or -1 when the pool does not hold it.</summary>
    public int IndexOf(ReadOnlySpan<int> genes) => _index.TryGetValue(Key(genes), out var i) ? i : -1;

    private static string Key(ReadOnlySpan<int> genes) => string.Join(',', genes.ToArray());
}

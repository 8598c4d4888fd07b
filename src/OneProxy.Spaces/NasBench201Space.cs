using System.Numerics;

namespace OneProxy.SearchSpaces;

/// <summary>
/// NAS-Bench-201 cell space: 6 edges, 5 operations each, 15,625 architectures.
/// Text form: <c>|op~0|+|op~0|op~1|+|op~0|op~1|op~2|</c>. Encoding: one-hot 6x5 + bias (31).
/// Cost macro-architecture (NAS-Bench-201 on CIFAR-10): 32x32x3 input, 3x3 stem to 16 channels,
/// three stages of 5 cells at 16/32/64 channels and 32/16/8 resolution, ResNet reduction blocks
/// between stages, global pooling and a 64x10 classifier.
/// </summary>
public sealed class NasBench201Space : ISearchSpace
{
    public static readonly string[] Operations = ["none", "skip_connect", "nor_conv_1x1", "nor_conv_3x3", "avg_pool_3x3"];

    /// <summary>(target node, source node) of each edge in canonical order.</summary>
    private static readonly (int To, int From)[] Edges = [(1, 0), (2, 0), (2, 1), (3, 0), (3, 1), (3, 2)];

    private static readonly int[] Choices = [5, 5, 5, 5, 5, 5];
    private readonly string[] _featureNames;

    public NasBench201Space()
    {
        var names = new List<string>();
        for (int e = 0; e < Edges.Length; e++)
            foreach (var op in Operations) names.Add($"edge{Edges[e].From}->{Edges[e].To}:{op}");
        names.Add("bias");
        _featureNames = [.. names];
    }

    public string Name => "nasbench201";
    public int InputSize => 32;
    public IReadOnlyList<int> GeneChoices => Choices;
    public int FeatureCount => 31;
    public IReadOnlyList<string> FeatureNames => _featureNames;
    public BigInteger Size => 15625;

    public Architecture Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var s = text.Trim();
        var nodes = s.Split('+');
        if (nodes.Length != 3)
            throw new ArchitectureFormatException(Name, text, $"expected 3 nodes separated by '+', found {nodes.Length}");
        Span<int> genes = stackalloc int[6];
        int gene = 0;
        for (int n = 0; n < 3; n++)
        {
            var node = nodes[n];
            if (node.Length < 2 || node[0] != '|' || node[^1] != '|')
                throw new ArchitectureFormatException(Name, text, $"node {n + 1} must be enclosed in '|'");
            var parts = node[1..^1].Split('|');
            if (parts.Length != n + 1)
                throw new ArchitectureFormatException(Name, text, $"node {n + 1} must have {n + 1} input edge(s), found {parts.Length}");
            for (int j = 0; j < parts.Length; j++)
            {
                var tilde = parts[j].LastIndexOf('~');
                if (tilde < 0)
                    throw new ArchitectureFormatException(Name, text, $"edge '{parts[j]}' lacks '~source'");
                var op = parts[j][..tilde];
                var src = parts[j][(tilde + 1)..];
                if (src != j.ToString(System.Globalization.CultureInfo.InvariantCulture))
                    throw new ArchitectureFormatException(Name, text, $"edge '{parts[j]}' must come from node {j}");
                int idx = Array.IndexOf(Operations, op);
                if (idx < 0)
                    throw new ArchitectureFormatException(Name, text, $"unknown operation '{op}' (expected one of {string.Join(", ", Operations)})");
                genes[gene++] = idx;
            }
        }
        return new Architecture(genes);
    }

    public string Format(Architecture a)
    {
        CheckLength(a);
        return $"|{Operations[a[0]]}~0|+|{Operations[a[1]]}~0|{Operations[a[2]]}~1|+|{Operations[a[3]]}~0|{Operations[a[4]]}~1|{Operations[a[5]]}~2|";
    }

    public Architecture Canonicalize(ReadOnlySpan<int> genes)
    {
        if (genes.Length != 6) throw new ArgumentException($"NAS-Bench-201 has 6 genes, got {genes.Length}");
        foreach (var g in genes)
            if ((uint)g >= 5) throw new ArgumentOutOfRangeException(nameof(genes), g, "operation index must be in [0, 5)");
        return new Architecture(genes);
    }

    public void Encode(Architecture a, Span<double> features)
    {
        CheckLength(a);
        if (features.Length != FeatureCount) throw new ArgumentException($"feature span has {features.Length} slots, expected {FeatureCount}");
        features.Clear();
        for (int e = 0; e < 6; e++) features[e * 5 + a[e]] = 1.0;
        features[30] = 1.0;
    }

    public ModelCost Cost(Architecture a)
    {
        CheckLength(a);
        double flops = 0, parms = 0;
        void Conv(int hw, int cin, int cout, int k) { flops += (double)hw * hw * cin * cout * k * k; parms += (double)cin * cout * k * k; }
        void Bn(int c) => parms += 2.0 * c;
        Conv(32, 3, 16, 3); Bn(16);
        int[] channels = [16, 32, 64];
        int[] sizes = [32, 16, 8];
        for (int stage = 0; stage < 3; stage++)
        {
            int c = channels[stage], hw = sizes[stage];
            if (stage > 0)
            {
                int cin = channels[stage - 1];
                Conv(hw, cin, c, 3); Bn(c); Conv(hw, c, c, 3); Bn(c); Conv(hw, cin, c, 1);
            }
            for (int cell = 0; cell < 5; cell++)
                for (int e = 0; e < 6; e++)
                    switch (Operations[a[e]])
                    {
                        case "nor_conv_1x1": Conv(hw, c, c, 1); Bn(c); break;
                        case "nor_conv_3x3": Conv(hw, c, c, 3); Bn(c); break;
                        case "avg_pool_3x3": flops += (double)hw * hw * c * 9; break;
                    }
        }
        Bn(64);
        flops += 64 * 10; parms += 64 * 10 + 10;
        return new ModelCost(flops / 1e6, parms / 1e6);
    }

    public IEnumerable<Architecture> Enumerate()
    {
        var genes = new int[6];
        for (int i = 0; i < 15625; i++)
        {
            int v = i;
            for (int e = 5; e >= 0; e--) { genes[e] = v % 5; v /= 5; }
            yield return new Architecture(genes);
        }
    }

    private static void CheckLength(Architecture a)
    {
        if (a.Length != 6) throw new ArgumentException($"NAS-Bench-201 architectures have 6 genes, got {a.Length}");
    }
}

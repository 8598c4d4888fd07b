using System.Numerics;
using System.Text;
using OneProxy.Accelerators;
using OneProxy.Accelerators.Networks;

namespace OneProxy.SearchSpaces;

/// <summary>
/// The DARTS / NAS-Bench-301 cell space as an <see cref="ISearchSpace"/> (registry name
/// <c>nasbench301</c>): 32 genes, per cell type (normal, then reduce) 8 operation genes (7 ops)
/// then 8 input genes (edge i reads one of the i/2 + 2 earlier nodes). Text form = the JSON of
/// $ONEPROXY_DATA/nasbench301/architectures.csv. Costs come from <see cref="DartsNetwork"/>
/// (C = 36, 20 cells, 32x32 input). Edge order is kept as written (no reordering of a node's two
/// inputs), so two texts that differ only in that order are different architectures here.
/// </summary>
public sealed class Nb301Space : ISearchSpace
{
    private static readonly int[] Choices = BuildChoices();
    private static readonly string[] Names = BuildNames();

    private static int[] BuildChoices()
    {
        var c = new int[32];
        for (int cell = 0; cell < 2; cell++)
            for (int e = 0; e < 8; e++) { c[cell * 16 + e] = DartsGenotype.Ops.Length; c[cell * 16 + 8 + e] = e / 2 + 2; }
        return c;
    }

    private static string[] BuildNames()
    {
        var n = new List<string>();
        foreach (var cell in new[] { "normal", "reduce" })
        {
            for (int e = 0; e < 8; e++) foreach (var op in DartsGenotype.Ops) n.Add($"{cell}_e{e}_{op}");
            for (int e = 0; e < 8; e++) for (int i = 0; i < e / 2 + 2; i++) n.Add($"{cell}_e{e}_in{i}");
        }
        n.Add("bias");
        return n.ToArray();
    }

    public string Name => "nasbench301";
    public int InputSize => 32;
    public IReadOnlyList<int> GeneChoices => Choices;
    public int FeatureCount => Names.Length;
    public IReadOnlyList<string> FeatureNames => Names;
    public BigInteger Size => Choices.Aggregate(BigInteger.One, (p, c) => p * c);

    public Architecture Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        DartsGenotype g;
        try { g = DartsGenotype.ParseJson(text); }
        catch (Exception e) when (e is FormatException or System.Text.Json.JsonException or InvalidOperationException or KeyNotFoundException or IndexOutOfRangeException)
        {
            throw new ArchitectureFormatException(Name, text, e.Message);
        }
        var genes = new int[32];
        for (int cell = 0; cell < 2; cell++)
        {
            var edges = cell == 0 ? g.Normal : g.Reduce;
            for (int e = 0; e < 8; e++)
            {
                genes[cell * 16 + e] = Array.IndexOf(DartsGenotype.Ops, edges[e].Op);
                genes[cell * 16 + 8 + e] = edges[e].Input;
            }
        }
        return new Architecture(genes);
    }

    public string Format(Architecture a)
    {
        Check(a);
        var sb = new StringBuilder("{");
        for (int cell = 0; cell < 2; cell++)
        {
            string n = cell == 0 ? "normal" : "reduce";
            if (cell == 1) sb.Append(',');
            sb.Append('"').Append(n).Append("\":[");
            for (int e = 0; e < 8; e++)
            {
                if (e > 0) sb.Append(',');
                sb.Append("[\"").Append(DartsGenotype.Ops[a[cell * 16 + e]]).Append("\",").Append(a[cell * 16 + 8 + e]).Append(']');
            }
            sb.Append("],\"").Append(n).Append("_concat\":[2,3,4,5]");
        }
        return sb.Append('}').ToString();
    }

    public Architecture Canonicalize(ReadOnlySpan<int> genes)
    {
        if (genes.Length != 32) throw new ArgumentException($"NAS-Bench-301 has 32 genes, got {genes.Length}");
        for (int i = 0; i < 32; i++)
            if ((uint)genes[i] >= (uint)Choices[i]) throw new ArgumentOutOfRangeException(nameof(genes), genes[i], $"gene {i} must be in [0, {Choices[i]})");
        return new Architecture(genes);
    }

    public void Encode(Architecture a, Span<double> features)
    {
        Check(a);
        if (features.Length != FeatureCount) throw new ArgumentException($"feature span has {features.Length} slots, expected {FeatureCount}");
        features.Clear();
        int f = 0;
        for (int cell = 0; cell < 2; cell++)
        {
            for (int e = 0; e < 8; e++) { features[f + a[cell * 16 + e]] = 1; f += DartsGenotype.Ops.Length; }
            for (int e = 0; e < 8; e++) { features[f + a[cell * 16 + 8 + e]] = 1; f += e / 2 + 2; }
        }
        features[f] = 1;
    }

    public ModelCost Cost(Architecture a) => LayerCosting.Of(LayersOf(a));

    /// <summary>The network's conv/linear layers in MAESTRO's convention.</summary>
    public IReadOnlyList<Layer> LayersOf(Architecture a)
    {
        Check(a);
        (string, int)[] Cell(int c) => Enumerable.Range(0, 8).Select(e => (DartsGenotype.Ops[a[c * 16 + e]], a[c * 16 + 8 + e])).ToArray();
        return DartsNetwork.Layers(new DartsGenotype(Cell(0), Cell(1)));
    }

    public IEnumerable<Architecture> Enumerate() => throw new NotSupportedException($"nasbench301 has {Size} architectures; enumerate the dataset's 1,018 instead");

    private static void Check(Architecture a)
    {
        if (a.Length != 32) throw new ArgumentException($"NAS-Bench-301 architectures have 32 genes, got {a.Length}");
    }
}

/// <summary>MACs and weights of a layer list as a <see cref="ModelCost"/> (millions; biases and BN not counted).</summary>
internal static class LayerCosting
{
    public static ModelCost Of(IReadOnlyList<Layer> layers)
    {
        double macs = 0, weights = 0;
        foreach (var l in layers)
        {
            macs += l.Macs;
            weights += (double)(l.Kind == LayerKind.DepthwiseConv ? 1 : l.K) * l.C * l.R * l.S;
        }
        return new ModelCost(macs / 1e6, weights / 1e6);
    }
}

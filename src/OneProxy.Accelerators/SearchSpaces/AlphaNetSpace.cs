using System.Numerics;
using System.Text;
using OneProxy.Accelerators;
using OneProxy.Accelerators.Networks;

namespace OneProxy.SearchSpaces;

/// <summary>
/// The AlphaNet space as sampled by the thesis's authors, as an <see cref="ISearchSpace"/>
/// (registry name <c>alphanet</c>): 16 genes = resolution {192, 224, 256, 288}, then for the five
/// searchable stages (2..6) kernel {3, 5, 7}, expansion {4, 5, 6}, depth {3, 4, 6}; stage 1 is
/// fixed to kernel 3 / expansion 1 / depth 1, stage 7 to kernel 3 / expansion 6 / depth 1, widths
/// 16,16,24,32,64,112,192,216,1792. Text form = the JSON of $ONEPROXY_DATA/alphanet/architectures.csv.
/// Costs come from <see cref="AlphaNetNetwork"/> (stage 2 builds at most 5 blocks, as the real network).
/// </summary>
public sealed class AlphaNetSpace : ISearchSpace
{
    public static readonly int[] Resolutions = [192, 224, 256, 288];
    public static readonly int[] Kernels = [3, 5, 7];
    public static readonly int[] Expansions = [4, 5, 6];
    public static readonly int[] Depths = [3, 4, 6];
    private static readonly int[] Widths = [16, 16, 24, 32, 64, 112, 192, 216, 1792];
    private static readonly int[] Choices = [4, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3];
    private static readonly string[] Names = BuildNames();

    private static string[] BuildNames()
    {
        var n = new List<string>();
        foreach (var r in Resolutions) n.Add($"res{r}");
        for (int s = 0; s < 5; s++) foreach (var k in Kernels) n.Add($"s{s + 2}_k{k}");
        for (int s = 0; s < 5; s++) foreach (var e in Expansions) n.Add($"s{s + 2}_e{e}");
        for (int s = 0; s < 5; s++) foreach (var d in Depths) n.Add($"s{s + 2}_d{d}");
        n.Add("bias");
        return n.ToArray();
    }

    public string Name => "alphanet";
    public int InputSize => 0;
    public IReadOnlyList<int> GeneChoices => Choices;
    public int FeatureCount => Names.Length;
    public IReadOnlyList<string> FeatureNames => Names;
    public BigInteger Size => Choices.Aggregate(BigInteger.One, (p, c) => p * c);

    public Architecture Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        AlphaNetConfig c;
        try { c = AlphaNetConfig.ParseJson(text); }
        catch (Exception e) when (e is FormatException or System.Text.Json.JsonException or InvalidOperationException or KeyNotFoundException)
        {
            throw new ArchitectureFormatException(Name, text, e.Message);
        }
        if (!c.Width.SequenceEqual(Widths)) throw new ArchitectureFormatException(Name, text, $"widths must be {string.Join(",", Widths)}");
        if (c.Kernel[0] != 3 || c.Expand[0] != 1 || c.Depth[0] != 1 || c.Kernel[6] != 3 || c.Expand[6] != 6 || c.Depth[6] != 1)
            throw new ArchitectureFormatException(Name, text, "stage 1 must be kernel 3 / expansion 1 / depth 1 and stage 7 kernel 3 / expansion 6 / depth 1");
        var genes = new int[16];
        genes[0] = Index(Resolutions, c.Resolution, "resolution", text);
        for (int s = 0; s < 5; s++)
        {
            genes[1 + s] = Index(Kernels, c.Kernel[s + 1], $"stage {s + 2} kernel", text);
            genes[6 + s] = Index(Expansions, c.Expand[s + 1], $"stage {s + 2} expansion", text);
            genes[11 + s] = Index(Depths, c.Depth[s + 1], $"stage {s + 2} depth", text);
        }
        return new Architecture(genes);
    }

    private int Index(int[] values, int v, string what, string text)
    {
        int i = Array.IndexOf(values, v);
        return i >= 0 ? i : throw new ArchitectureFormatException(Name, text, $"{what} {v} not in {{{string.Join(", ", values)}}}");
    }

    public AlphaNetConfig Config(Architecture a)
    {
        if (a.Length != 16) throw new ArgumentException($"AlphaNet architectures have 16 genes, got {a.Length}");
        int[] Stage(int[] vals, int off, int first, int last) => [first, .. Enumerable.Range(0, 5).Select(s => vals[a[off + s]]), last];
        return new AlphaNetConfig(Resolutions[a[0]], Widths, Stage(Depths, 11, 1, 1), Stage(Kernels, 1, 3, 3), Stage(Expansions, 6, 1, 6));
    }

    public string Format(Architecture a)
    {
        var c = Config(a);
        var sb = new StringBuilder();
        sb.Append("{\"resolution\":").Append(c.Resolution)
          .Append(",\"width\":[").AppendJoin(',', c.Width)
          .Append("],\"depth\":[").AppendJoin(',', c.Depth)
          .Append("],\"kernel_size\":[").AppendJoin(',', c.Kernel)
          .Append("],\"expand_ratio\":[").AppendJoin(',', c.Expand).Append("]}");
        return sb.ToString();
    }

    public Architecture Canonicalize(ReadOnlySpan<int> genes)
    {
        if (genes.Length != 16) throw new ArgumentException($"AlphaNet has 16 genes, got {genes.Length}");
        for (int i = 0; i < 16; i++)
            if ((uint)genes[i] >= (uint)Choices[i]) throw new ArgumentOutOfRangeException(nameof(genes), genes[i], $"gene {i} must be in [0, {Choices[i]})");
        return new Architecture(genes);
    }

    public void Encode(Architecture a, Span<double> features)
    {
        if (a.Length != 16) throw new ArgumentException($"AlphaNet architectures have 16 genes, got {a.Length}");
        if (features.Length != FeatureCount) throw new ArgumentException($"feature span has {features.Length} slots, expected {FeatureCount}");
        features.Clear();
        features[a[0]] = 1;
        for (int g = 1; g < 16; g++) features[4 + (g - 1) * 3 + a[g]] = 1;
        features[^1] = 1;
    }

    public ModelCost Cost(Architecture a) => LayerCosting.Of(AlphaNetNetwork.Layers(Config(a)));

    public IEnumerable<Architecture> Enumerate() => throw new NotSupportedException($"alphanet has {Size} architectures; enumerate the dataset's 1,046 instead");
}

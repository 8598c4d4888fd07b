using System.Numerics;

namespace OneProxy.SearchSpaces;

/// <summary>
/// FBNet layer-wise space: 22 blocks, each one of 9 choices; text form joins the choices with '-'.
/// Encoding: one-hot 22x9 + bias (199). Cost macro-architecture: FBNet's ImageNet backbone
/// (224x224 input; 3x3 stride-2 stem to 16 channels; block stages of 1/4/4/4/4/4/1 blocks at
/// 16/24/32/64/112/184/352 channels with first strides 1/2/2/2/1/2/1; 1x1 conv to 1504;
/// pooling; 1504x1000 classifier). A block is 1x1 (grouped) expansion, kxk depthwise, 1x1
/// (grouped) projection; "skip" is an identity, or a 1x1 projection where shape changes.
/// </summary>
public sealed class FbNetSpace : ISearchSpace
{
    public static readonly string[] Choices = ["k3_e1", "k3_e1_g2", "k3_e3", "k3_e6", "k5_e1", "k5_e1_g2", "k5_e3", "k5_e6", "skip"];
    public const int Blocks = 22;

    private static readonly int[] StageDepths = [1, 4, 4, 4, 4, 4, 1];
    private static readonly int[] StageChannels = [16, 24, 32, 64, 112, 184, 352];
    private static readonly int[] StageStrides = [1, 2, 2, 2, 1, 2, 1];

    private readonly int[] _choices = Enumerable.Repeat(Choices.Length, Blocks).ToArray();
    private readonly string[] _featureNames;

    public FbNetSpace()
    {
        var names = new List<string>();
        for (int b = 0; b < Blocks; b++) foreach (var c in Choices) names.Add($"block{b}:{c}");
        names.Add("bias");
        _featureNames = [.. names];
    }

    public string Name => "fbnet";
    public int InputSize => 224;
    public IReadOnlyList<int> GeneChoices => _choices;
    public int FeatureCount => Blocks * Choices.Length + 1;
    public IReadOnlyList<string> FeatureNames => _featureNames;
    public BigInteger Size => BigInteger.Pow(Choices.Length, Blocks);

    public Architecture Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Trim().Split('-');
        if (parts.Length != Blocks)
            throw new ArchitectureFormatException(Name, text, $"expected {Blocks} blocks separated by '-', found {parts.Length}");
        Span<int> genes = stackalloc int[Blocks];
        for (int i = 0; i < Blocks; i++)
        {
            int idx = Array.IndexOf(Choices, parts[i]);
            if (idx < 0)
                throw new ArchitectureFormatException(Name, text, $"block {i + 1}: unknown choice '{parts[i]}' (expected one of {string.Join(", ", Choices)})");
            genes[i] = idx;
        }
        return new Architecture(genes);
    }

    public string Format(Architecture a)
    {
        Check(a);
        var parts = new string[Blocks];
        for (int i = 0; i < Blocks; i++) parts[i] = Choices[a[i]];
        return string.Join('-', parts);
    }

    public Architecture Canonicalize(ReadOnlySpan<int> genes)
    {
        if (genes.Length != Blocks) throw new ArgumentException($"FBNet has {Blocks} genes, got {genes.Length}");
        foreach (var g in genes)
            if ((uint)g >= Choices.Length) throw new ArgumentOutOfRangeException(nameof(genes), g, "choice index must be in [0, 9)");
        return new Architecture(genes);
    }

    public void Encode(Architecture a, Span<double> features)
    {
        Check(a);
        if (features.Length != FeatureCount) throw new ArgumentException($"feature span has {features.Length} slots, expected {FeatureCount}");
        features.Clear();
        for (int b = 0; b < Blocks; b++) features[b * Choices.Length + a[b]] = 1.0;
        features[^1] = 1.0;
    }

    public ModelCost Cost(Architecture a)
    {
        Check(a);
        var cost = new CostCounter();
        int hw = 224;
        hw = cost.Conv(hw, 3, 16, 3, 2);
        int cin = 16, block = 0;
        for (int s = 0; s < StageDepths.Length; s++)
            for (int d = 0; d < StageDepths[s]; d++, block++)
            {
                int cout = StageChannels[s], stride = d == 0 ? StageStrides[s] : 1;
                var choice = Choices[a[block]];
                if (choice == "skip")
                {
                    if (stride != 1 || cin != cout) hw = cost.Conv(hw, cin, cout, 1, stride);
                }
                else
                {
                    int k = choice[1] - '0', e = choice[4] - '0', groups = choice.EndsWith("_g2", StringComparison.Ordinal) ? 2 : 1;
                    int mid = cin * e;
                    cost.Conv(hw, cin, mid, 1, 1, groups);
                    hw = cost.Conv(hw, mid, mid, k, stride, mid);
                    cost.Conv(hw, mid, cout, 1, 1, groups);
                }
                cin = cout;
            }
        hw = cost.Conv(hw, cin, 1504, 1, 1);
        cost.Linear(1504, 1000);
        return cost.Result;
    }

    public IEnumerable<Architecture> Enumerate() =>
        throw new UnusableDataException($"fbnet has {Size} architectures; sample instead of enumerating");

    private static void Check(Architecture a)
    {
        if (a.Length != Blocks) throw new ArgumentException($"FBNet architectures have {Blocks} genes, got {a.Length}");
    }
}

using System.Numerics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OneProxy.SearchSpaces;

/// <summary>
/// Shared machinery of the OFA-style stage spaces (MobileNet-V2 and MobileNet-V3): five
/// searchable stages of up to four inverted-residual (MBConv) blocks with kernel {3,5,7},
/// expansion {3,4,6} and stage depth {2,3,4}. Text form is OFA's JSON
/// <c>{"ks":[..],"e":[..],"d":[..],"r":224}</c>. Genes: kernel per block, expansion per block,
/// depth per stage, then (if searchable) the input resolution.
/// Blocks a shallower stage drops are canonicalised to kernel 3 / expansion 3 and encode as zeros.
/// </summary>
public abstract class MbConvSpace : ISearchSpace
{
    public static readonly int[] Kernels = [3, 5, 7];
    public static readonly int[] Expansions = [3, 4, 6];
    public static readonly int[] Depths = [2, 3, 4];
    protected const int Stages = 5, MaxDepth = 4;

    private readonly int[] _choices;
    private readonly string[] _featureNames;

    protected MbConvSpace()
    {
        var choices = new List<int>();
        for (int b = 0; b < BlockCount; b++) choices.Add(Kernels.Length);
        for (int b = 0; b < BlockCount; b++) choices.Add(Expansions.Length);
        for (int s = 0; s < Stages; s++) choices.Add(Depths.Length);
        if (Resolutions.Length > 1) choices.Add(Resolutions.Length);
        _choices = [.. choices];
        var names = new List<string>();
        for (int b = 0; b < BlockCount; b++)
            foreach (var k in Kernels) foreach (var e in Expansions) names.Add($"block{b}:k{k}_e{e}");
        names.AddRange(ExtraFeatureNames);
        names.Add("bias");
        _featureNames = [.. names];
    }

    public abstract string Name { get; }

    /// <summary>Searchable blocks: 20 in the stages, plus any fixed-depth tail blocks.</summary>
    public abstract int BlockCount { get; }

    /// <summary>Allowed input resolutions (one value = fixed).</summary>
    protected abstract int[] Resolutions { get; }

    protected virtual string[] ExtraFeatureNames => [];

    public int InputSize => Resolutions.Length == 1 ? Resolutions[0] : 0;
    public IReadOnlyList<int> GeneChoices => _choices;
    public int FeatureCount => _featureNames.Length;
    public IReadOnlyList<string> FeatureNames => _featureNames;

    public BigInteger Size
    {
        get
        {
            // Per stage: sum over depth d of 9^d distinct block settings.
            BigInteger perStage = 0;
            foreach (var d in Depths) perStage += BigInteger.Pow(9, d);
            var tail = BigInteger.Pow(9, BlockCount - Stages * MaxDepth);
            return BigInteger.Pow(perStage, Stages) * tail * Resolutions.Length;
        }
    }

    protected int DepthGene(int stage) => 2 * BlockCount + stage;
    protected int ResolutionGene => 2 * BlockCount + Stages;

    /// <summary>Resolution of an architecture in pixels.</summary>
    public int Resolution(Architecture a) => Resolutions.Length > 1 ? Resolutions[a[ResolutionGene]] : Resolutions[0];

    /// <summary>Whether block <paramref name="block"/> is executed (stage blocks beyond the depth are dropped).</summary>
    public bool IsActive(Architecture a, int block) => IsActive(a.Genes, block);

    private bool IsActive(ReadOnlySpan<int> genes, int block) =>
        block >= Stages * MaxDepth || block % MaxDepth < Depths[genes[DepthGene(block / MaxDepth)]];

    public int Kernel(Architecture a, int block) => Kernels[a[block]];
    public int Expansion(Architecture a, int block) => Expansions[a[BlockCount + block]];
    public int Depth(Architecture a, int stage) => Depths[a[DepthGene(stage)]];

    /// <summary>Number of searchable stages (5).</summary>
    public int StageCount => Stages;

    /// <summary>
    /// The architecture with new stage depths. A block that a deeper stage adds copies the kernel
    /// and expansion of the stage's last block (the natural way to grow a stage); dropped blocks vanish.
    /// </summary>
    public Architecture WithDepths(Architecture a, IReadOnlyList<int> depths)
    {
        Check(a);
        if (depths.Count != Stages) throw new ArgumentException($"need {Stages} stage depths, got {depths.Count}");
        var genes = a.Genes.ToArray();
        for (int s = 0; s < Stages; s++)
        {
            int idx = Array.IndexOf(Depths, depths[s]);
            if (idx < 0) throw new UnusableDataException($"stage {s} depth {depths[s]} is not one of {string.Join("/", Depths)}");
            int old = Depth(a, s), last = s * MaxDepth + old - 1;
            for (int d = old; d < depths[s]; d++)
            {
                genes[s * MaxDepth + d] = genes[last];
                genes[BlockCount + s * MaxDepth + d] = genes[BlockCount + last];
            }
            genes[DepthGene(s)] = idx;
        }
        return Canonicalize(genes);
    }

    public Architecture Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        JsonObject obj;
        try
        {
            obj = JsonNode.Parse(text) as JsonObject
                ?? throw new ArchitectureFormatException(Name, text, "expected a JSON object");
        }
        catch (JsonException e)
        {
            throw new ArchitectureFormatException(Name, text, $"invalid JSON ({e.Message})");
        }
        foreach (var key in obj.Select(p => p.Key))
            if (key is not ("ks" or "e" or "d" or "r"))
                throw new ArchitectureFormatException(Name, text, $"unknown key '{key}' (expected ks, e, d, r)");
        var genes = new int[_choices.Length];
        ReadList(obj, "ks", BlockCount, Kernels, genes, 0, text);
        ReadList(obj, "e", BlockCount, Expansions, genes, BlockCount, text);
        ReadList(obj, "d", Stages, Depths, genes, 2 * BlockCount, text);
        if (obj["r"] is null)
        {
            if (Resolutions.Length > 1)
                throw new ArchitectureFormatException(Name, text, "missing 'r' (input resolution)");
        }
        else
        {
            int r = ReadInt(obj["r"], "r", text);
            int idx = Array.IndexOf(Resolutions, r);
            if (idx < 0)
                throw new ArchitectureFormatException(Name, text, Resolutions.Length > 1
                    ? $"resolution {r} not in {Resolutions[0]}..{Resolutions[^1]} step {Resolutions[1] - Resolutions[0]}"
                    : $"resolution is fixed at {Resolutions[0]}, got {r}");
            if (Resolutions.Length > 1) genes[ResolutionGene] = idx;
        }
        return Canonicalize(genes);
    }

    private void ReadList(JsonObject obj, string key, int count, int[] allowed, int[] genes, int offset, string text)
    {
        if (obj[key] is not JsonArray arr)
            throw new ArchitectureFormatException(Name, text, $"'{key}' must be an array of {count} integers");
        if (arr.Count != count)
            throw new ArchitectureFormatException(Name, text, $"'{key}' must have {count} entries, found {arr.Count}");
        for (int i = 0; i < count; i++)
        {
            int v = ReadInt(arr[i], $"{key}[{i}]", text);
            int idx = Array.IndexOf(allowed, v);
            if (idx < 0)
                throw new ArchitectureFormatException(Name, text, $"{key}[{i}] = {v} is not one of {string.Join("/", allowed)}");
            genes[offset + i] = idx;
        }
    }

    private int ReadInt(JsonNode? node, string what, string text)
    {
        if (node is JsonValue v && v.TryGetValue<int>(out var i)) return i;
        throw new ArchitectureFormatException(Name, text, $"{what} must be an integer");
    }

    public string Format(Architecture a)
    {
        Check(a);
        var ks = new int[BlockCount];
        var e = new int[BlockCount];
        for (int b = 0; b < BlockCount; b++) { ks[b] = Kernel(a, b); e[b] = Expansion(a, b); }
        var d = new int[Stages];
        for (int s = 0; s < Stages; s++) d[s] = Depth(a, s);
        var o = new JsonObject
        {
            ["ks"] = new JsonArray(ks.Select(x => (JsonNode)x).ToArray()),
            ["e"] = new JsonArray(e.Select(x => (JsonNode)x).ToArray()),
            ["d"] = new JsonArray(d.Select(x => (JsonNode)x).ToArray()),
            ["r"] = Resolution(a),
        };
        return o.ToJsonString();
    }

    public Architecture Canonicalize(ReadOnlySpan<int> genes)
    {
        if (genes.Length != _choices.Length)
            throw new ArgumentException($"{Name} has {_choices.Length} genes, got {genes.Length}");
        for (int i = 0; i < genes.Length; i++)
            if ((uint)genes[i] >= (uint)_choices[i])
                throw new ArgumentOutOfRangeException(nameof(genes), genes[i], $"gene {i} must be in [0, {_choices[i]})");
        Span<int> c = stackalloc int[genes.Length];
        genes.CopyTo(c);
        for (int b = 0; b < Stages * MaxDepth; b++)
            if (!IsActive(c, b)) { c[b] = 0; c[BlockCount + b] = 0; }
        return new Architecture(c);
    }

    public void Encode(Architecture a, Span<double> features)
    {
        Check(a);
        if (features.Length != FeatureCount) throw new ArgumentException($"feature span has {features.Length} slots, expected {FeatureCount}");
        features.Clear();
        double scale = BlockFeatureScale(a);
        for (int b = 0; b < BlockCount; b++)
            if (IsActive(a, b))
                features[b * 9 + a[b] * 3 + a[BlockCount + b]] = scale;
        EncodeExtra(a, features.Slice(BlockCount * 9, ExtraFeatureNames.Length));
        features[^1] = 1.0;
    }

    /// <summary>Value of an active block's one-hot entry (1, or a resolution-dependent scale).</summary>
    protected virtual double BlockFeatureScale(Architecture a) => 1.0;

    protected virtual void EncodeExtra(Architecture a, Span<double> extra) { }

    public abstract ModelCost Cost(Architecture architecture);

    public IEnumerable<Architecture> Enumerate() =>
        throw new UnusableDataException($"{Name} has {Size} architectures; sample instead of enumerating");

    /// <summary>Adds one MBConv block (1x1 expand, kxk depthwise, optional SE, 1x1 project); returns output resolution.</summary>
    private protected static int MbConv(CostCounter cost, int hw, int cin, int cout, int k, int e, int stride, bool se)
    {
        int mid = CostCounter.MakeDivisible(cin * (double)e);
        if (e != 1) cost.Conv(hw, cin, mid, 1, 1);
        else mid = cin;
        hw = cost.Conv(hw, mid, mid, k, stride, mid);
        if (se) cost.SqueezeExcite(mid, CostCounter.MakeDivisible(mid / 4.0));
        cost.Conv(hw, mid, cout, 1, 1);
        return hw;
    }

    protected void Check(Architecture a)
    {
        if (a.Length != _choices.Length) throw new ArgumentException($"{Name} architectures have {_choices.Length} genes, got {a.Length}");
    }
}

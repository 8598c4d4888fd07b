using System.Text.Json;

namespace OneProxy.Accelerators.Networks;

/// <summary>A DARTS / NAS-Bench-301 genotype: 8 (op, input) pairs per cell type.</summary>
public sealed record DartsGenotype(IReadOnlyList<(string Op, int Input)> Normal, IReadOnlyList<(string Op, int Input)> Reduce)
{
    public static readonly string[] Ops = ["max_pool_3x3", "avg_pool_3x3", "skip_connect", "sep_conv_3x3", "sep_conv_5x5", "dil_conv_3x3", "dil_conv_5x5"];

    /// <summary>Parses the JSON of $ONEPROXY_DATA/nasbench301/architectures.csv.</summary>
    public static DartsGenotype ParseJson(string json)
    {
        using var doc = JsonDocument.Parse(json);
        List<(string, int)> Cell(string name)
        {
            var list = new List<(string, int)>();
            foreach (var e in doc.RootElement.GetProperty(name).EnumerateArray())
            {
                string op = e[0].GetString() ?? throw new UnusableDataException("null op");
                int input = e[1].GetInt32();
                if (Array.IndexOf(Ops, op) < 0) throw new UnusableDataException($"unknown DARTS op '{op}'");
                list.Add((op, input));
            }
            if (list.Count != 8) throw new UnusableDataException($"cell '{name}' has {list.Count} edges (expected 8)");
            for (int i = 0; i < 8; i++)
                if (list[i].Item2 < 0 || list[i].Item2 > i / 2 + 1) throw new UnusableDataException($"cell '{name}' edge {i} reads node {list[i].Item2}");
            return list;
        }
        return new DartsGenotype(Cell("normal"), Cell("reduce"));
    }
}

/// <summary>
/// Layers of DARTS's CIFAR evaluation network <c>NetworkCIFAR(C=36, layers=20)</c> for a
/// genotype, as in $ONEPROXY_DATA/nasbench301/README.md: 3x3 stem to 108 channels, 20 cells with
/// reductions at cells 6 and 13, each cell's 1x1 preprocessing (FactorizedReduce after a
/// reduction), separable convs (dw, pw, dw, pw), dilated convs (dw, pw; dilation kept as the
/// kernel size, as MAESTRO's frontend writes it), FactorizedReduce for skips in reduction cells,
/// and the 576-to-10 classifier. Pools and identities have no conv layer. Input 32x32.
/// </summary>
public static class DartsNetwork
{
    public static IReadOnlyList<Layer> Layers(DartsGenotype g, int initChannels = 36, int cells = 20, int input = 32)
    {
        var b = new LayerListBuilder();
        int h = b.Conv(3, 3 * initChannels, 3, input);
        int cpp = 3 * initChannels, cp = 3 * initChannels, c = initChannels;
        int hpp = h, hp = h;
        bool reductionPrev = false;
        for (int i = 0; i < cells; i++)
        {
            bool reduction = i == cells / 3 || i == 2 * cells / 3;
            if (reduction) c *= 2;
            // Preprocessing of the two cell inputs.
            if (reductionPrev) FactorizedReduce(b, cpp, c, hpp);
            else b.Conv(cpp, c, 1, hpp);
            b.Conv(cp, c, 1, hp);
            int hin = hp; // after preprocessing both inputs have the k-1 cell's size
            var cell = reduction ? g.Reduce : g.Normal;
            for (int e = 0; e < 8; e++)
            {
                var (op, input2) = cell[e];
                int stride = reduction && input2 < 2 ? 2 : 1;
                int hop = stride == 2 ? hin : LayerListBuilder.Out(hin, reduction ? 2 : 1);
                switch (op)
                {
                    case "sep_conv_3x3": case "sep_conv_5x5":
                    {
                        int k = op[^1] - '0';
                        int o = b.Depthwise(c, k, hop, stride);
                        b.Conv(c, c, 1, o);
                        b.Depthwise(c, k, o);
                        b.Conv(c, c, 1, o);
                        break;
                    }
                    case "dil_conv_3x3": case "dil_conv_5x5":
                    {
                        int k = op[^1] - '0';
                        int o = b.Depthwise(c, k, hop, stride);
                        b.Conv(c, c, 1, o);
                        break;
                    }
                    case "skip_connect":
                        if (stride == 2) FactorizedReduce(b, c, c, hop);
                        break;
                }
            }
            cpp = cp; hpp = hp;
            cp = 4 * c; hp = reduction ? LayerListBuilder.Out(hin, 2) : hin;
            reductionPrev = reduction;
        }
        b.Linear(cp, 10);
        return b.Layers;
    }

    /// <summary>Two 1x1 stride-2 convs to C/2 channels each (the second sees the input shifted by one pixel).</summary>
    private static void FactorizedReduce(LayerListBuilder b, int cin, int cout, int h)
    {
        b.Conv(cin, cout / 2, 1, h, 2);
        b.Conv(cin, cout - cout / 2, 1, h - 1, 2);
    }
}

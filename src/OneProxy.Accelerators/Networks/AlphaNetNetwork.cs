using System.Text.Json;

namespace OneProxy.Accelerators.Networks;

/// <summary>An AlphaNet / AttentiveNAS configuration (resolution; per-stage depth, kernel, expansion).</summary>
public sealed record AlphaNetConfig(int Resolution, IReadOnlyList<int> Width, IReadOnlyList<int> Depth, IReadOnlyList<int> Kernel, IReadOnlyList<int> Expand)
{
    public static AlphaNetConfig ParseJson(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var r = doc.RootElement;
        int[] Arr(string n) => r.GetProperty(n).EnumerateArray().Select(e => e.GetInt32()).ToArray();
        var cfg = new AlphaNetConfig(r.GetProperty("resolution").GetInt32(), Arr("width"), Arr("depth"), Arr("kernel_size"), Arr("expand_ratio"));
        if (cfg.Width.Count != 9 || cfg.Depth.Count != 7 || cfg.Kernel.Count != 7 || cfg.Expand.Count != 7)
            throw new UnusableDataException("AlphaNet config needs 9 widths and 7 depths/kernels/expansions");
        return cfg;
    }
}

/// <summary>
/// Layers of an AlphaNet (AttentiveNAS space) network: 3x3 stride-2 first conv, 7 inverted-
/// residual stages (strides 1,2,2,2,1,2,1; squeeze-excitation in stages 3, 5, 6, 7 as two 1x1
/// convs on the pooled vector, reduction 4 rounded to a multiple of 8), a 1x1 last conv to the
/// last width, and the 1000-way classifier. Expansion 1 blocks have no expansion conv. MACs are within
/// 1.6 % below the dataset's <c>mflops</c> (its counter adds a small resolution-dependent term).
/// </summary>
public static class AlphaNetNetwork
{
    private static readonly int[] Strides = [1, 2, 2, 2, 1, 2, 1];
    private static readonly bool[] Se = [false, false, true, false, true, true, true];

    /// <summary>Blocks per stage of the AlphaNet supernet; sampled depths above these (stage 2 drew 6) build only this many
    /// blocks, which is what the dataset's FLOPs counts show (they match only with the cap).</summary>
    private static readonly int[] MaxDepth = [2, 5, 6, 6, 8, 8, 2];

    private static int Divisible8(double v)
    {
        int n = Math.Max(8, (int)(v + 4) / 8 * 8);
        if (n < 0.9 * v) n += 8;
        return n;
    }

    public static IReadOnlyList<Layer> Layers(AlphaNetConfig c)
    {
        var b = new LayerListBuilder();
        int h = b.Conv(3, c.Width[0], 3, c.Resolution, 2);
        int cin = c.Width[0];
        for (int s = 0; s < 7; s++)
        {
            int cout = c.Width[s + 1];
            for (int d = 0; d < Math.Min(c.Depth[s], MaxDepth[s]); d++)
            {
                int stride = d == 0 ? Strides[s] : 1;
                int mid = cin * c.Expand[s];
                if (c.Expand[s] != 1) b.Conv(cin, mid, 1, h);
                int o = b.Depthwise(mid, c.Kernel[s], h, stride);
                if (Se[s])
                {
                    int red = Divisible8(mid / 4.0);
                    b.Linear(mid, red);
                    b.Linear(red, mid);
                }
                b.Conv(mid, cout, 1, o);
                h = o;
                cin = cout;
            }
        }
        b.Conv(cin, c.Width[8], 1, h);
        b.Linear(c.Width[8], 1000);
        return b.Layers;
    }
}

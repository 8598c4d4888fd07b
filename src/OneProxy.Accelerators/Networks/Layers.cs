using OneProxy.SearchSpaces;

namespace OneProxy.Accelerators;

/// <summary>
/// The conv/linear layers (MAESTRO convention) of an architecture of one of OneProxy's spaces:
/// NAS-Bench-201, FBNet, MobileNet-V2 and OFA MobileNet-V3. The macro-architectures mirror each
/// space's <c>Cost</c> (a test checks that the MAC counts agree). Grouped 1x1 convs (FBNet's
/// <c>_g2</c>) become one CONV per group; squeeze-excitation and classifiers are 1x1 convs on a
/// 1x1 input; pools and identities have no layer.
/// </summary>
public static class Layers
{
    public static IReadOnlyList<Layer> From(ISearchSpace space, Architecture a)
    {
        ArgumentNullException.ThrowIfNull(space);
        ArgumentNullException.ThrowIfNull(a);
        return space switch
        {
            NasBench201Space => NasBench201(a),
            FbNetSpace => FbNet(a),
            MobileNetV2Space m => MobileNetV2(m, a),
            OfaMobileNetV3Space o => OfaMbv3(o, a),
            _ => throw new NotSupportedException($"no layer list for space '{space.Name}' (supported: nasbench201, fbnet, mobilenetv2, ofa-mbv3)"),
        };
    }

    private static IReadOnlyList<Layer> NasBench201(Architecture a)
    {
        var b = new Networks.LayerListBuilder();
        b.Conv(3, 16, 3, 32);
        int[] channels = [16, 32, 64];
        int hw = 32;
        for (int stage = 0; stage < 3; stage++)
        {
            int c = channels[stage];
            if (stage > 0)
            {
                int cin = channels[stage - 1];
                int o = b.Conv(cin, c, 3, hw, 2);
                b.Conv(c, c, 3, o);
                b.Conv(cin, c, 1, o);
                hw = o;
            }
            for (int cell = 0; cell < 5; cell++)
                for (int e = 0; e < 6; e++)
                    switch (NasBench201Space.Operations[a[e]])
                    {
                        case "nor_conv_1x1": b.Conv(c, c, 1, hw); break;
                        case "nor_conv_3x3": b.Conv(c, c, 3, hw); break;
                    }
        }
        b.Linear(64, 10);
        return b.Layers;
    }

    private static readonly int[] FbDepths = [1, 4, 4, 4, 4, 4, 1], FbChannels = [16, 24, 32, 64, 112, 184, 352], FbStrides = [1, 2, 2, 2, 1, 2, 1];

    private static IReadOnlyList<Layer> FbNet(Architecture a)
    {
        var b = new Networks.LayerListBuilder();
        int hw = b.Conv(3, 16, 3, 224, 2);
        int cin = 16, block = 0;
        for (int s = 0; s < FbDepths.Length; s++)
            for (int d = 0; d < FbDepths[s]; d++, block++)
            {
                int cout = FbChannels[s], stride = d == 0 ? FbStrides[s] : 1;
                var choice = FbNetSpace.Choices[a[block]];
                if (choice == "skip")
                {
                    if (stride != 1 || cin != cout) hw = b.Conv(cin, cout, 1, hw, stride);
                }
                else
                {
                    int k = choice[1] - '0', e = choice[4] - '0', groups = choice.EndsWith("_g2", StringComparison.Ordinal) ? 2 : 1;
                    int mid = cin * e;
                    for (int g = 0; g < groups; g++) b.Conv(cin / groups, mid / groups, 1, hw);
                    hw = b.Depthwise(mid, k, hw, stride);
                    for (int g = 0; g < groups; g++) b.Conv(mid / groups, cout / groups, 1, hw);
                }
                cin = cout;
            }
        hw = b.Conv(cin, 1504, 1, hw);
        b.Linear(1504, 1000);
        return b.Layers;
    }

    private static int MakeDivisible(double v)
    {
        int n = Math.Max(8, (int)(v + 4) / 8 * 8);
        if (n < 0.9 * v) n += 8;
        return n;
    }

    private static int MbConv(Networks.LayerListBuilder b, int hw, int cin, int cout, int k, int e, int stride, bool se)
    {
        int mid = MakeDivisible(cin * (double)e);
        if (e != 1) b.Conv(cin, mid, 1, hw);
        else mid = cin;
        hw = b.Depthwise(mid, k, hw, stride);
        if (se)
        {
            int red = MakeDivisible(mid / 4.0);
            b.Linear(mid, red);
            b.Linear(red, mid);
        }
        b.Conv(mid, cout, 1, hw);
        return hw;
    }

    private static readonly int[] Mv2Widths = [32, 56, 104, 128, 248], Mv2Strides = [2, 2, 2, 1, 2];

    private static IReadOnlyList<Layer> MobileNetV2(MobileNetV2Space sp, Architecture a)
    {
        var b = new Networks.LayerListBuilder();
        int hw = b.Conv(3, 40, 3, 224, 2);
        hw = MbConv(b, hw, 40, 24, 3, 1, 1, false);
        int cin = 24;
        for (int s = 0; s < sp.StageCount; s++)
            for (int d = 0; d < sp.Depth(a, s); d++)
            {
                int blk = s * 4 + d;
                hw = MbConv(b, hw, cin, Mv2Widths[s], sp.Kernel(a, blk), sp.Expansion(a, blk), d == 0 ? Mv2Strides[s] : 1, false);
                cin = Mv2Widths[s];
            }
        hw = MbConv(b, hw, cin, 416, sp.Kernel(a, 20), sp.Expansion(a, 20), 1, false);
        b.Conv(416, 1664, 1, hw);
        b.Linear(1664, 1000);
        return b.Layers;
    }

    private static readonly int[] OfaWidths = [24, 40, 80, 112, 160], OfaStrides = [2, 2, 2, 1, 2];
    private static readonly bool[] OfaSe = [false, true, false, true, true];

    private static IReadOnlyList<Layer> OfaMbv3(OfaMobileNetV3Space sp, Architecture a)
    {
        var b = new Networks.LayerListBuilder();
        int hw = b.Conv(3, 16, 3, sp.Resolution(a), 2);
        hw = MbConv(b, hw, 16, 16, 3, 1, 1, false);
        int cin = 16;
        for (int s = 0; s < sp.StageCount; s++)
            for (int d = 0; d < sp.Depth(a, s); d++)
            {
                int blk = s * 4 + d;
                hw = MbConv(b, hw, cin, OfaWidths[s], sp.Kernel(a, blk), sp.Expansion(a, blk), d == 0 ? OfaStrides[s] : 1, OfaSe[s]);
                cin = OfaWidths[s];
            }
        b.Conv(cin, 960, 1, hw);
        b.Linear(960, 1280);
        b.Linear(1280, 1000);
        return b.Layers;
    }
}

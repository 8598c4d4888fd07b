namespace OneProxy.SearchSpaces;

/// <summary>
/// OFA MobileNet-V3 (width 1.0): 5 stages x up to 4 blocks (20 blocks), kernel {3,5,7},
/// expansion {3,4,6}, depth {2,3,4}, input resolution 128..224 step 4.
/// Encoding: per active block a 9-way one-hot whose value is (r/224)^2, then a
/// "resolution_scale" feature (r/224)^2 for the fixed stem and head, then bias (182 features).
/// Scaling by pixel count keeps a linear predictor meaningful across resolutions: every
/// operator's work grows with the number of pixels it processes.
/// Cost macro-architecture: 3x3 stride-2 stem to 16; MBConv(k3,e1) to 16; stages at
/// 24/40/80/112/160 channels, strides 2/2/2/1/2, squeeze-excite in stages 2, 4 and 5;
/// 1x1 conv to 960; pooling; 960x1280 and 1280x1000 linear layers.
/// </summary>
public sealed class OfaMobileNetV3Space : MbConvSpace
{
    private static readonly int[] StageWidths = [24, 40, 80, 112, 160];
    private static readonly int[] StageStrides = [2, 2, 2, 1, 2];
    private static readonly bool[] StageSe = [false, true, false, true, true];
    private static readonly int[] AllResolutions = Enumerable.Range(0, 25).Select(i => 128 + 4 * i).ToArray();

    public override string Name => "ofa-mbv3";
    public override int BlockCount => 20;
    protected override int[] Resolutions => AllResolutions;
    protected override string[] ExtraFeatureNames => ["resolution_scale"];

    protected override double BlockFeatureScale(Architecture a) => Math.Pow(Resolution(a) / 224.0, 2);

    protected override void EncodeExtra(Architecture a, Span<double> extra) => extra[0] = BlockFeatureScale(a);

    public override ModelCost Cost(Architecture a)
    {
        Check(a);
        var cost = new CostCounter();
        int hw = cost.Conv(Resolution(a), 3, 16, 3, 2);
        hw = MbConv(cost, hw, 16, 16, 3, 1, 1, se: false);
        int cin = 16;
        for (int s = 0; s < Stages; s++)
            for (int d = 0; d < Depth(a, s); d++)
            {
                int b = s * MaxDepth + d;
                hw = MbConv(cost, hw, cin, StageWidths[s], Kernel(a, b), Expansion(a, b), d == 0 ? StageStrides[s] : 1, StageSe[s]);
                cin = StageWidths[s];
            }
        cost.Conv(hw, cin, 960, 1, 1);
        cost.Linear(960, 1280);
        cost.Linear(1280, 1000);
        return cost.Result;
    }
}

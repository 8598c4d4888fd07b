namespace OneProxy.SearchSpaces;

/// <summary>
/// The paper's MobileNet-V2 space (Section 3.6.1, OFA's ProxylessNAS backbone, width 1.3,
/// fixed channels, 224x224 input): 5 stages of depth {2,3,4} plus the last inverted-residual
/// block, 21 searchable blocks of kernel {3,5,7} x expansion {3,4,6}. Encoding: 9-way one-hot
/// per block (all zero when dropped) + bias = 190 features.
/// Cost macro-architecture: 3x3 stride-2 stem to 40 channels; fixed MBConv(k3,e1) to 24;
/// stages at 32/56/104/128/248 channels with strides 2/2/2/1/2; last block to 416
/// (stride 1); 1x1 conv to 1664; pooling; 1664x1000 classifier. Channels are OFA's
/// make_divisible(base x 1.3, 8).
/// </summary>
public sealed class MobileNetV2Space : MbConvSpace
{
    private static readonly int[] StageWidths = [32, 56, 104, 128, 248];
    private static readonly int[] StageStrides = [2, 2, 2, 1, 2];

    public override string Name => "mobilenetv2";
    public override int BlockCount => 21;
    protected override int[] Resolutions => [224];

    public override ModelCost Cost(Architecture a)
    {
        Check(a);
        var cost = new CostCounter();
        int hw = cost.Conv(224, 3, 40, 3, 2);
        hw = MbConv(cost, hw, 40, 24, 3, 1, 1, se: false);
        int cin = 24;
        for (int s = 0; s < Stages; s++)
            for (int d = 0; d < Depth(a, s); d++)
            {
                int b = s * MaxDepth + d;
                hw = MbConv(cost, hw, cin, StageWidths[s], Kernel(a, b), Expansion(a, b), d == 0 ? StageStrides[s] : 1, se: false);
                cin = StageWidths[s];
            }
        hw = MbConv(cost, hw, cin, 416, Kernel(a, 20), Expansion(a, 20), 1, se: false);
        cost.Conv(hw, 416, 1664, 1, 1);
        cost.Linear(1664, 1000);
        return cost.Result;
    }
}

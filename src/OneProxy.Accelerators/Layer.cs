namespace OneProxy.Accelerators;

/// <summary>Layer kinds MAESTRO's CNN cost model distinguishes.</summary>
public enum LayerKind : byte
{
    /// <summary>Dense convolution (MAESTRO <c>CONV</c>); linear layers are 1x1 convs on a 1x1 input.</summary>
    Conv,
    /// <summary>Depth-wise convolution (MAESTRO <c>DSCONV</c>, K = 1, one filter per channel).</summary>
    DepthwiseConv,
}

/// <summary>
/// One layer in MAESTRO's dimension convention: K output channels, C input channels, R x S
/// filter, Y x X the layer's <em>input</em> height/width (already padded, as MAESTRO's frontends
/// write them), strides on Y and X. A small value type so network lists stay allocation-free.
/// </summary>
public readonly record struct Layer(LayerKind Kind, int K, int C, int R, int S, int Y, int X, int StrideY = 1, int StrideX = 1)
{
    /// <summary>Output height (floor((Y - R) / stride) + 1).</summary>
    public int OutputY => (Y - R) / StrideY + 1;

    /// <summary>Output width.</summary>
    public int OutputX => (X - S) / StrideX + 1;

    /// <summary>Multiply-accumulates (depth-wise: C x R x S x output pixels).</summary>
    public long Macs => (long)(Kind == LayerKind.DepthwiseConv ? 1 : K) * C * R * S * OutputY * OutputX;

    /// <summary>Throws <see cref="ArgumentException"/> for sizes MAESTRO cannot model.</summary>
    public void Validate()
    {
        if (K <= 0 || C <= 0 || R <= 0 || S <= 0 || Y <= 0 || X <= 0)
            throw new ArgumentException($"layer dimensions must be positive: K={K} C={C} R={R} S={S} Y={Y} X={X}");
        if (StrideY <= 0 || StrideX <= 0) throw new ArgumentException($"strides must be positive: {StrideY}x{StrideX}");
        if (R > Y || S > X) throw new ArgumentException($"filter {R}x{S} larger than the input {Y}x{X}");
    }

    public static Layer Conv(int k, int c, int r, int s, int y, int x, int stride = 1) => new(LayerKind.Conv, k, c, r, s, y, x, stride, stride);

    public static Layer Depthwise(int c, int r, int s, int y, int x, int stride = 1) => new(LayerKind.DepthwiseConv, 1, c, r, s, y, x, stride, stride);
}

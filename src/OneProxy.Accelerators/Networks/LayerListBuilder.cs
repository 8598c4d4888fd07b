namespace OneProxy.Accelerators.Networks;

/// <summary>
/// Appends layers in MAESTRO's convention for a "same"-padded network: the input size written
/// is the padded one, (out - 1) x stride + kernel, so MAESTRO's output size equals the real
/// network's ceil(H / stride) and its MAC count is the real one.
/// </summary>
internal sealed class LayerListBuilder
{
    public List<Layer> Layers { get; } = [];

    public static int Out(int h, int stride) => (h + stride - 1) / stride;

    public int Conv(int cin, int cout, int k, int h, int stride = 1)
    {
        int o = Out(h, stride);
        int y = (o - 1) * stride + k;
        Layers.Add(new Layer(LayerKind.Conv, cout, cin, k, k, y, y, stride, stride));
        return o;
    }

    public int Depthwise(int c, int k, int h, int stride = 1)
    {
        int o = Out(h, stride);
        int y = (o - 1) * stride + k;
        Layers.Add(new Layer(LayerKind.DepthwiseConv, 1, c, k, k, y, y, stride, stride));
        return o;
    }

    /// <summary>A fully connected layer as a 1x1 conv on a 1x1 input (MAESTRO's frontend convention).</summary>
    public void Linear(int cin, int cout) => Layers.Add(new Layer(LayerKind.Conv, cout, cin, 1, 1, 1, 1));
}

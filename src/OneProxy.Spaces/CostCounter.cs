namespace OneProxy.SearchSpaces;

/// <summary>Accumulates multiply-accumulates and weights of conv/linear layers (BN folded into params).</summary>
internal sealed class CostCounter
{
    private double _macs, _params;

    /// <summary>Adds a kxk convolution with "same" padding; returns the output resolution.</summary>
    public int Conv(int hwIn, int cin, int cout, int k, int stride, int groups = 1)
    {
        int hwOut = (hwIn + stride - 1) / stride;
        double perPosition = (double)cin / groups * cout * k * k;
        _macs += perPosition * hwOut * hwOut;
        _params += perPosition + 2.0 * cout;
        return hwOut;
    }

    /// <summary>Squeeze-and-excitation: two 1x1 convolutions on the pooled vector.</summary>
    public void SqueezeExcite(int c, int reduced)
    {
        _macs += 2.0 * c * reduced;
        _params += 2.0 * c * reduced + c + reduced;
    }

    public void Linear(int inputs, int outputs)
    {
        _macs += (double)inputs * outputs;
        _params += (double)inputs * outputs + outputs;
    }

    public ModelCost Result => new(_macs / 1e6, _params / 1e6);

    /// <summary>OFA's make_divisible: round to a multiple of 8, never more than 10% down.</summary>
    public static int MakeDivisible(double v, int divisor = 8)
    {
        int n = Math.Max(divisor, (int)(v + divisor / 2.0) / divisor * divisor);
        if (n < 0.9 * v) n += divisor;
        return n;
    }
}

using System.Numerics;

namespace OneProxy.Aquaman.Policies;

/// <summary>SIMD dot product and axpy for the dense Z⁻¹ (System.Numerics.Tensors is not a framework assembly).</summary>
internal static class VectorOps
{
    private static readonly int V = Vector<double>.Count;

    public static double Dot(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        int k = 0;
        Vector<double> c0 = Vector<double>.Zero, c1 = c0;
        for (; k + 2 * V <= x.Length; k += 2 * V)
        {
            c0 = Vector.FusedMultiplyAdd(new Vector<double>(x.Slice(k, V)), new Vector<double>(y.Slice(k, V)), c0);
            c1 = Vector.FusedMultiplyAdd(new Vector<double>(x.Slice(k + V, V)), new Vector<double>(y.Slice(k + V, V)), c1);
        }
        double s = Vector.Sum(c0 + c1);
        for (; k < x.Length; k++) s += x[k] * y[k];
        return s;
    }

    /// <summary>y ← y + a x.</summary>
    public static void Axpy(double a, ReadOnlySpan<double> x, Span<double> y)
    {
        int k = 0;
        var av = new Vector<double>(a);
        for (; k + V <= x.Length; k += V)
            Vector.FusedMultiplyAdd(av, new Vector<double>(x.Slice(k, V)), new Vector<double>(y.Slice(k, V))).CopyTo(y.Slice(k, V));
        for (; k < x.Length; k++) y[k] += a * x[k];
    }
}

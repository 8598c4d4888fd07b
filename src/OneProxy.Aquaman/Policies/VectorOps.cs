using System.Numerics;

namespace OneProxy.Aquaman.Policies;

/// <summary>Dot product and SIMD axpy for the dense Z⁻¹ (System.Numerics.Tensors is not a framework assembly).</summary>
internal static class VectorOps
{
    private static readonly int V = Vector<double>.Count;

    /// <summary>The Learning assembly's SIMD dot product (one kernel for both).</summary>
    public static double Dot(ReadOnlySpan<double> x, ReadOnlySpan<double> y) => OneProxy.Learning.DenseKernels.Dot(x, y);

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

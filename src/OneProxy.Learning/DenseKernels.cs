using System.Numerics;

namespace OneProxy.Learning;

/// <summary>
/// The inner loops of <see cref="DenseNetwork"/>. Activations and deltas are feature-major (unit × sample, stride =
/// batch size n), so every loop that touches them runs over contiguous samples with <see cref="Vector{T}"/>; blocks of
/// four vectors are accumulated in registers while the weight index varies.
/// </summary>
internal static class DenseKernels
{
    private static readonly int V = Vector<double>.Count;

    /// <summary>dst (cols × rows) = transpose of src (rows × cols), both row-major.</summary>
    public static void Transpose(ReadOnlySpan<double> src, int rows, int cols, Span<double> dst)
    {
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < cols; c++) dst[c * rows + r] = src[r * cols + c];
    }

    public static void Scale(Span<double> x, double s)
    {
        if (s == 1.0) return;
        for (int k = 0; k < x.Length; k++) x[k] *= s;
    }

    /// <summary>z = scale · act(W a + b) per sample; a is fanIn × n, z is fanOut × n; act is ReLU or identity.</summary>
    public static void LayerForward(ReadOnlySpan<double> w, ReadOnlySpan<double> bias, ReadOnlySpan<double> a, Span<double> z,
        int fanIn, int fanOut, int n, bool relu, double scale)
    {
        var zero = Vector<double>.Zero;
        var sv = new Vector<double>(scale);
        for (int o = 0; o < fanOut; o++)
        {
            var row = w.Slice(o * fanIn, fanIn);
            double b0 = bias.IsEmpty ? 0.0 : bias[o];
            var zo = z.Slice(o * n, n);
            int s = 0;
            for (; s + 4 * V <= n; s += 4 * V)
            {
                Vector<double> c0 = new(b0), c1 = c0, c2 = c0, c3 = c0;
                for (int i = 0; i < fanIn; i++)
                {
                    var wi = new Vector<double>(row[i]);
                    var ai = a.Slice(i * n + s, 4 * V);
                    c0 = Vector.FusedMultiplyAdd(wi, new Vector<double>(ai), c0);
                    c1 = Vector.FusedMultiplyAdd(wi, new Vector<double>(ai.Slice(V)), c1);
                    c2 = Vector.FusedMultiplyAdd(wi, new Vector<double>(ai.Slice(2 * V)), c2);
                    c3 = Vector.FusedMultiplyAdd(wi, new Vector<double>(ai.Slice(3 * V)), c3);
                }
                if (relu) { c0 = Vector.Max(c0, zero); c1 = Vector.Max(c1, zero); c2 = Vector.Max(c2, zero); c3 = Vector.Max(c3, zero); }
                (c0 * sv).CopyTo(zo.Slice(s));
                (c1 * sv).CopyTo(zo.Slice(s + V));
                (c2 * sv).CopyTo(zo.Slice(s + 2 * V));
                (c3 * sv).CopyTo(zo.Slice(s + 3 * V));
            }
            for (; s + V <= n; s += V)
            {
                Vector<double> c0 = new(b0);
                for (int i = 0; i < fanIn; i++) c0 = Vector.FusedMultiplyAdd(new Vector<double>(row[i]), new Vector<double>(a.Slice(i * n + s, V)), c0);
                if (relu) c0 = Vector.Max(c0, zero);
                (c0 * sv).CopyTo(zo.Slice(s));
            }
            for (; s < n; s++)
            {
                double c = b0;
                for (int i = 0; i < fanIn; i++) c += row[i] * a[i * n + s];
                if (relu && c < 0) c = 0;
                zo[s] = c * scale;
            }
        }
    }

    /// <summary>gW[o,i] += Σ_s d[o,s] a[i,s]; gB[o] += Σ_s d[o,s] (gB may be empty).</summary>
    public static void AccumulateWeightGradient(ReadOnlySpan<double> d, ReadOnlySpan<double> a, int fanOut, int fanIn, int n,
        Span<double> gW, Span<double> gB)
    {
        for (int o = 0; o < fanOut; o++)
        {
            var dOut = d.Slice(o * n, n);
            if (!gB.IsEmpty) gB[o] += Sum(dOut);
            var gRow = gW.Slice(o * fanIn, fanIn);
            for (int i = 0; i < fanIn; i++) gRow[i] += Dot(dOut, a.Slice(i * n, n));
        }
    }

    /// <summary>p[i,s] = Σ_o W[o,i] d[o,s]: the delta of the layer below (before its activation's gate).</summary>
    public static void PropagateDelta(ReadOnlySpan<double> w, ReadOnlySpan<double> d, Span<double> p, int fanOut, int fanIn, int n)
    {
        for (int i = 0; i < fanIn; i++)
        {
            var pi = p.Slice(i * n, n);
            int s = 0;
            for (; s + 4 * V <= n; s += 4 * V)
            {
                Vector<double> c0 = Vector<double>.Zero, c1 = c0, c2 = c0, c3 = c0;
                for (int o = 0; o < fanOut; o++)
                {
                    var wo = new Vector<double>(w[o * fanIn + i]);
                    var dO = d.Slice(o * n + s, 4 * V);
                    c0 = Vector.FusedMultiplyAdd(wo, new Vector<double>(dO), c0);
                    c1 = Vector.FusedMultiplyAdd(wo, new Vector<double>(dO.Slice(V)), c1);
                    c2 = Vector.FusedMultiplyAdd(wo, new Vector<double>(dO.Slice(2 * V)), c2);
                    c3 = Vector.FusedMultiplyAdd(wo, new Vector<double>(dO.Slice(3 * V)), c3);
                }
                c0.CopyTo(pi.Slice(s)); c1.CopyTo(pi.Slice(s + V)); c2.CopyTo(pi.Slice(s + 2 * V)); c3.CopyTo(pi.Slice(s + 3 * V));
            }
            for (; s + V <= n; s += V)
            {
                var c0 = Vector<double>.Zero;
                for (int o = 0; o < fanOut; o++) c0 = Vector.FusedMultiplyAdd(new Vector<double>(w[o * fanIn + i]), new Vector<double>(d.Slice(o * n + s, V)), c0);
                c0.CopyTo(pi.Slice(s));
            }
            for (; s < n; s++)
            {
                double c = 0;
                for (int o = 0; o < fanOut; o++) c += w[o * fanIn + i] * d[o * n + s];
                pi[s] = c;
            }
        }
    }

    /// <summary>p[k] = 0 where the unit's ReLU output a[k] is not positive (ReLU'(0) taken as 0).</summary>
    public static void ReluGate(Span<double> p, ReadOnlySpan<double> a, int length)
    {
        int k = 0;
        var zero = Vector<double>.Zero;
        for (; k + V <= length; k += V)
        {
            var mask = Vector.GreaterThan(new Vector<double>(a.Slice(k, V)), zero);
            Vector.ConditionalSelect(mask, new Vector<double>(p.Slice(k, V)), zero).CopyTo(p.Slice(k));
        }
        for (; k < length; k++) if (a[k] <= 0) p[k] = 0;
    }

    public static double Dot(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        int k = 0;
        Vector<double> c0 = Vector<double>.Zero, c1 = c0;
        for (; k + 2 * V <= x.Length; k += 2 * V)
        {
            c0 = Vector.FusedMultiplyAdd(new Vector<double>(x.Slice(k, V)), new Vector<double>(y.Slice(k, V)), c0);
            c1 = Vector.FusedMultiplyAdd(new Vector<double>(x.Slice(k + V, V)), new Vector<double>(y.Slice(k + V, V)), c1);
        }
        double sum = Vector.Sum(c0 + c1);
        for (; k < x.Length; k++) sum += x[k] * y[k];
        return sum;
    }

    public static double Sum(ReadOnlySpan<double> x)
    {
        int k = 0;
        var c = Vector<double>.Zero;
        for (; k + V <= x.Length; k += V) c += new Vector<double>(x.Slice(k, V));
        double sum = Vector.Sum(c);
        for (; k < x.Length; k++) sum += x[k];
        return sum;
    }
}

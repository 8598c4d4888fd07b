using MathNet.Numerics.LinearAlgebra;

namespace OneProxy.Aquaman.Environments;

/// <summary>Kernels of <see cref="KernelRidge"/>.</summary>
public enum RidgeKernel
{
    /// <summary>k(x, x') = exp(−γ ‖x − x'‖²).</summary>
    Rbf,

    /// <summary>k(x, x') = exp(−γ ‖x − x'‖₁).</summary>
    Laplacian,
}

/// <summary>
/// Kernel ridge regression as scikit-learn's KernelRidge: dual coefficients c = (K + αI)⁻¹ (y − ȳ), prediction
/// ȳ + Σ_i c_i k(x_i, x). Unlike scikit-learn the targets are centred first, so far from the data a prediction falls
/// back to the mean instead of to 0 (the synthetic generators sample devices and models away from the 24 measured pairs).
/// </summary>
public sealed class KernelRidge
{
    private readonly double[][] _x;
    private readonly double[] _coef;
    private readonly double _mean;

    public KernelRidge(IReadOnlyList<double[]> x, IReadOnlyList<double> y, RidgeKernel kernel, double alpha, double gamma)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Count != y.Count || x.Count == 0) throw new ArgumentException($"{x.Count} inputs and {y.Count} targets");
        if (!(alpha > 0) || !(gamma > 0)) throw new ArgumentException($"alpha and gamma must be positive, got {alpha} and {gamma}");
        Kernel = kernel;
        Alpha = alpha;
        Gamma = gamma;
        _x = x.Select(r => (double[])r.Clone()).ToArray();
        _mean = y.Average();
        int n = x.Count;
        var k = Matrix<double>.Build.Dense(n, n, (i, j) => K(_x[i], _x[j]) + (i == j ? alpha : 0));
        var rhs = Vector<double>.Build.Dense(n, i => y[i] - _mean);
        _coef = k.Cholesky().Solve(rhs).ToArray();
    }

    public RidgeKernel Kernel { get; }
    public double Alpha { get; }
    public double Gamma { get; }

    public double Predict(ReadOnlySpan<double> x)
    {
        double s = _mean;
        for (int i = 0; i < _x.Length; i++) s += _coef[i] * K(_x[i], x);
        return s;
    }

    private double K(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        if (a.Length != b.Length) throw new ArgumentException($"input has {b.Length} features, the model {a.Length}");
        double d = 0;
        for (int i = 0; i < a.Length; i++) d += Kernel == RidgeKernel.Rbf ? (a[i] - b[i]) * (a[i] - b[i]) : Math.Abs(a[i] - b[i]);
        return Math.Exp(-Gamma * d);
    }
}

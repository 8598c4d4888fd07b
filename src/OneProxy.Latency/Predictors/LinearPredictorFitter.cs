using MathNet.Numerics.LinearAlgebra;

namespace OneProxy.Predictors;

/// <summary>Fits <see cref="LinearPredictor"/>s from (architecture, latency) samples.</summary>
public static class LinearPredictorFitter
{
    /// <summary>
    /// <see cref="LatencyFit.NonNegative"/> (the default): every weight, bias included, >= 0, so no
    /// architecture is predicted below zero (see <see cref="LatencyFit"/> for why this loses
    /// nothing where least squares is already non-negative). <see cref="LatencyFit.LeastSquares"/>:
    /// the minimum-norm least-squares solution (one-hot groups plus a bias are collinear).
    /// </summary>
    public static LinearPredictor Fit(FeatureMatrix x, ReadOnlySpan<double> latencyMs, string device, LatencyFit fit = LatencyFit.NonNegative)
    {
        if (x.Rows != latencyMs.Length) throw new ArgumentException($"{x.Rows} architectures but {latencyMs.Length} latencies");
        if (x.Rows < 2) throw new UnusableDataException($"need at least 2 measured architectures to fit a predictor, got {x.Rows}");
        foreach (var v in latencyMs)
            if (!double.IsFinite(v)) throw new UnusableDataException("latencies must be finite; drop missing values before fitting");
        double[] w;
        if (fit == LatencyFit.LeastSquares)
        {
            // Pseudo-inverse of the small Gram matrix (features x features): the same minimum-norm
            // solution as an SVD of X, without forming X's rows x rows factor.
            var a = Matrix<double>.Build.DenseOfArray(x.Values);
            var b = Vector<double>.Build.DenseOfArray(latencyMs.ToArray());
            w = (a.TransposeThisAndMultiply(a).PseudoInverse() * a.TransposeThisAndMultiply(b)).ToArray();
        }
        else w = NonNegativeLeastSquares.Solve(x.Values, latencyMs);
        return new LinearPredictor(x.Space.Name, device, w, MethodName(fit), x.Rows);
    }

    /// <summary>The name a predictor file records for <paramref name="fit"/>.</summary>
    public static string MethodName(LatencyFit fit) => fit == LatencyFit.NonNegative ? "non-negative" : "least-squares";
}

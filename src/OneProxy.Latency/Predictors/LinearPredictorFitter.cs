using MathNet.Numerics.LinearAlgebra;

namespace OneProxy.Predictors;

/// <summary>Fits <see cref="LinearPredictor"/>s from (architecture, latency) samples.</summary>
public static class LinearPredictorFitter
{
    /// <summary>
    /// Least squares. One-hot groups plus a bias are collinear, so the minimum-norm solution is
    /// taken (MathNet SVD); with <paramref name="nonNegative"/> every operator weight is kept >= 0
    /// (the bias, i.e. the fixed part of the network, is free) by coordinate descent.
    /// </summary>
    public static LinearPredictor Fit(FeatureMatrix x, ReadOnlySpan<double> latencyMs, string device, bool nonNegative = false)
    {
        if (x.Rows != latencyMs.Length) throw new ArgumentException($"{x.Rows} architectures but {latencyMs.Length} latencies");
        if (x.Rows < 2) throw new UnusableDataException($"need at least 2 measured architectures to fit a predictor, got {x.Rows}");
        foreach (var v in latencyMs)
            if (!double.IsFinite(v)) throw new UnusableDataException("latencies must be finite; drop missing values before fitting");
        double[] w;
        if (!nonNegative)
        {
            // Pseudo-inverse of the small Gram matrix (features x features): the same minimum-norm
            // solution as an SVD of X, without forming X's rows x rows factor.
            var a = Matrix<double>.Build.DenseOfArray(x.Values);
            var b = Vector<double>.Build.DenseOfArray(latencyMs.ToArray());
            w = (a.TransposeThisAndMultiply(a).PseudoInverse() * a.TransposeThisAndMultiply(b)).ToArray();
        }
        else
        {
            int p = x.Features;
            var withoutBias = new double[x.Rows, p - 1];
            for (int r = 0; r < x.Rows; r++) for (int c = 0; c < p - 1; c++) withoutBias[r, c] = x.Values[r, c];
            var reg = new PenalizedRegression(withoutBias, latencyMs, Enumerable.Repeat(new Coefficient(Penalty.None, NonNegative: true), p - 1).ToArray());
            var model = reg.Fit(0);
            w = [.. model.Coefficients, model.Intercept];
        }
        return new LinearPredictor(x.Space.Name, device, w, nonNegative ? "nnls" : "least-squares", x.Rows);
    }
}

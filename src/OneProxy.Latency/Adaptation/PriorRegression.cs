using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;

namespace OneProxy.Adaptation;

/// <summary>What <see cref="PriorRegression.Fit"/> returns.</summary>
/// <param name="Weights">Posterior mean weights in the target's units (bias last).</param>
/// <param name="Scale">The fitted scale s of the prior mean (ms per normalised unit), &gt;= 0.</param>
/// <param name="NoiseRatio">sigma^2 / tau^2 chosen by restricted marginal likelihood.</param>
/// <param name="OutOfSample">Leave-one-out predictions without the bias term (ranks only need x . w).</param>
public sealed record PriorFit(double[] Weights, double Scale, double NoiseRatio, double[] OutOfSample);

/// <summary>
/// Empirical-Bayes (hierarchical) ridge: the target's weights are w = s mu + delta with
/// delta ~ N(0, tau^2 Sigma) (mu, Sigma from <see cref="LibraryPrior"/>), y = X w + N(0, sigma^2).
/// The scale s has a flat prior and is estimated by generalised least squares (s &gt;= 0); the
/// ratio sigma^2 / tau^2 by maximising the restricted (REML) marginal likelihood on a grid; tau^2
/// is profiled out. The posterior mean is computed in the n x n kernel form
/// w = s mu + Sigma X^T (X Sigma X^T + lambda I)^-1 (y - s X mu), so a 200-feature space costs the same
/// as a 30-feature one on 10 samples, and directions X cannot see (one-hot groups plus a bias) do
/// not matter. Leave-one-out predictions are exact for the chosen lambda (s re-estimated per fold).
/// </summary>
public static class PriorRegression
{
    /// <summary>Noise ratios tried, as multiples of the mean prior variance of a sample's latency (tr K / n).</summary>
    private static readonly double[] Grid = [.. Enumerable.Range(0, 25).Select(i => Math.Pow(10, -4 + i * 6.0 / 24))];

    /// <param name="noiseRatio">Fixes sigma^2 / tau^2 instead of choosing it (tests compare the leave-one-out predictions with refits).</param>
    public static PriorFit Fit(double[,] x, double[] y, LibraryPrior prior, int biasIndex, double? noiseRatio = null)
    {
        int n = x.GetLength(0), p = x.GetLength(1);
        if (y.Length != n) throw new ArgumentException($"{n} rows but {y.Length} latencies");
        if (prior.Mean.Length != p) throw new ArgumentException($"prior has {prior.Mean.Length} weights, samples {p} features");
        if (n < 2) throw new ArgumentException($"need at least 2 samples, got {n}");
        var X = Matrix<double>.Build.DenseOfArray(x);
        var S = Matrix<double>.Build.DenseOfArray(prior.Covariance);
        var mu = Vector<double>.Build.DenseOfArray(prior.Mean);
        var Y = Vector<double>.Build.DenseOfArray(y);
        var G = S.TransposeAndMultiply(X); // Sigma X^T (p x n)
        var K = X * G;
        K = (K + K.Transpose()) * 0.5;
        var m = X * mu;
        var evd = K.Evd(Symmetricity.Symmetric);
        var U = evd.EigenVectors;
        var lam = evd.EigenValues.Select(v => Math.Max(0, v.Real)).ToArray();
        double baseVar = Math.Max(lam.Sum() / n, 1e-12);
        var uy = U.TransposeThisAndMultiply(Y);
        var um = U.TransposeThisAndMultiply(m);
        double bestLik = double.NegativeInfinity, bestRatio = Grid[^1] * baseVar;
        if (noiseRatio is { } fixedRatio)
        {
            if (!(fixedRatio > 0)) throw new ArgumentException($"noise ratio must be positive, got {fixedRatio}");
            bestRatio = fixedRatio;
        }
        else foreach (var g in Grid)
        {
            double ratio = g * baseVar;
            double mAm = 0, mAy = 0, logDet = 0;
            for (int i = 0; i < n; i++) { double d = lam[i] + ratio; mAm += um[i] * um[i] / d; mAy += um[i] * uy[i] / d; logDet += Math.Log(d); }
            double s = mAm > 0 ? Math.Max(0, mAy / mAm) : 0;
            double q = 0;
            for (int i = 0; i < n; i++) { double r = uy[i] - s * um[i]; q += r * r / (lam[i] + ratio); }
            q = Math.Max(q, 1e-300);
            double lik = -0.5 * (n - 1) * Math.Log(q) - 0.5 * logDet - 0.5 * Math.Log(Math.Max(mAm, 1e-300));
            if (lik > bestLik) { bestLik = lik; bestRatio = ratio; }
        }
        var inv = U * Matrix<double>.Build.DenseOfDiagonalArray(lam.Select(v => 1 / (v + bestRatio)).ToArray()) * U.Transpose();
        var (scale, alpha) = Solve(inv, m, Y);
        var w = mu * scale + G * alpha;
        return new PriorFit(w.ToArray(), scale, bestRatio, LeaveOneOut(inv, K, G, m, Y, mu, biasIndex));
    }

    /// <summary>GLS scale s &gt;= 0 and the kernel coefficients alpha = A^-1 (y - s m).</summary>
    private static (double Scale, Vector<double> Alpha) Solve(Matrix<double> inv, Vector<double> m, Vector<double> y)
    {
        var am = inv * m;
        double mAm = m.DotProduct(am);
        double s = mAm > 0 ? Math.Max(0, am.DotProduct(y) / mAm) : 0;
        return (s, inv * (y - m * s));
    }

    /// <summary>Exact leave-one-out at a fixed lambda: the inverse without row i is P - q q^T / c (block inverse).</summary>
    private static double[] LeaveOneOut(Matrix<double> inv, Matrix<double> k, Matrix<double> g, Vector<double> m, Vector<double> y, Vector<double> mu, int biasIndex)
    {
        int n = y.Count;
        var oof = new double[n];
        if (n < 3) return oof; // no ranking among held-out predictions on 2 points
        for (int i = 0; i < n; i++)
        {
            var keep = Enumerable.Range(0, n).Where(j => j != i).ToArray();
            var P = Matrix<double>.Build.Dense(n - 1, n - 1, (r, c) => inv[keep[r], keep[c]]);
            var qv = Vector<double>.Build.Dense(n - 1, r => inv[keep[r], i]);
            P -= qv.OuterProduct(qv) / inv[i, i];
            var (s, alpha) = Solve(P, Vector<double>.Build.Dense(n - 1, r => m[keep[r]]), Vector<double>.Build.Dense(n - 1, r => y[keep[r]]));
            double f = s * m[i], bias = s * mu[biasIndex];
            for (int r = 0; r < n - 1; r++) { f += k[i, keep[r]] * alpha[r]; bias += g[biasIndex, keep[r]] * alpha[r]; }
            oof[i] = f - bias;
        }
        return oof;
    }
}

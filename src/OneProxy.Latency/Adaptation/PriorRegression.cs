using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;

namespace OneProxy.Adaptation;

/// <summary>What <see cref="PriorRegression.Fit"/> returns.</summary>
/// <param name="Weights">Posterior mean weights in the target's units (bias last).</param>
/// <param name="Scales">The fitted scales of the prior's mean directions (library mean, then the anchor if any), each &gt;= 0.</param>
/// <param name="NoiseRatio">sigma^2 / tau^2 chosen by restricted marginal likelihood.</param>
/// <param name="OutOfSample">Leave-one-out predictions without the bias term (ranks only need x . w).</param>
public sealed record PriorFit(double[] Weights, double[] Scales, double NoiseRatio, double[] OutOfSample);

/// <summary>
/// Empirical-Bayes (hierarchical) ridge: the target's weights are w = sum_b s_b mu_b + delta with
/// delta ~ N(0, tau^2 Sigma) and y = X w + N(0, sigma^2). The mean directions mu_b are the library's
/// mean and, if given, an anchor (the proxy): the prior is centred on a non-negative mix of both,
/// so where the proxy already ranks the target well the fit stays near it.
/// Sigma is <see cref="LibraryPrior.Covariance"/>. The scales have a flat prior and are estimated by
/// non-negative generalised least squares; the ratio lambda = sigma^2 / tau^2 by maximising the
/// restricted (REML) marginal likelihood on a grid; tau^2 is profiled out. The posterior mean is
/// computed in the n x n kernel form w = M s + Sigma X^T (X Sigma X^T + lambda I)^-1 (y - X M s), so a
/// 200-feature space costs the same as a 30-feature one, and directions X cannot see (one-hot
/// groups plus a bias) do not matter. Leave-one-out predictions are exact for the chosen lambda
/// (scales re-estimated per fold).
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
        var directions = prior.Anchor is null ? new[] { prior.Mean } : [prior.Mean, prior.Anchor];
        var Mu = Matrix<double>.Build.DenseOfColumnArrays(directions); // p x b
        var Y = Vector<double>.Build.DenseOfArray(y);
        var G = S.TransposeAndMultiply(X); // Sigma X^T (p x n)
        var K = X * G;
        K = (K + K.Transpose()) * 0.5;
        var M = X * Mu; // n x b
        var evd = K.Evd(Symmetricity.Symmetric);
        var U = evd.EigenVectors;
        var lam = evd.EigenValues.Select(v => Math.Max(0, v.Real)).ToArray();
        double baseVar = Math.Max(lam.Sum() / n, 1e-12);
        double bestRatio = Grid[^1] * baseVar;
        if (noiseRatio is { } fixedRatio)
        {
            if (!(fixedRatio > 0)) throw new ArgumentException($"noise ratio must be positive, got {fixedRatio}");
            bestRatio = fixedRatio;
        }
        else
        {
            double bestLik = double.NegativeInfinity;
            foreach (var g in Grid)
            {
                double ratio = g * baseVar;
                var inv = Inverse(U, lam, ratio);
                var (_, scales, q, logDetMam) = Solve(inv, M, Y);
                int used = scales.Count(v => v > 0);
                if (n - used < 1) continue;
                double logDet = lam.Sum(l => Math.Log(l + ratio));
                double lik = -0.5 * (n - used) * Math.Log(Math.Max(q, 1e-300)) - 0.5 * logDet - 0.5 * logDetMam;
                if (lik > bestLik) { bestLik = lik; bestRatio = ratio; }
            }
        }
        var best = Inverse(U, lam, bestRatio);
        var (alpha, s, _, _) = Solve(best, M, Y);
        var w = Mu * Vector<double>.Build.DenseOfArray(s) + G * alpha;
        return new PriorFit(w.ToArray(), s, bestRatio, LeaveOneOut(best, K, G, M, Y, Mu, biasIndex));
    }

    private static Matrix<double> Inverse(Matrix<double> u, double[] lam, double ratio) =>
        u * Matrix<double>.Build.DenseOfDiagonalArray(lam.Select(v => 1 / (v + ratio)).ToArray()) * u.Transpose();

    /// <summary>
    /// Non-negative GLS of y on the mean directions M under A^-1: the unconstrained solution if it is
    /// non-negative, else the better (smaller residual form) single direction with its scale clamped at 0.
    /// Returns alpha = A^-1 (y - M s), s, the residual form q = r^T A^-1 r and log det of the used directions' M^T A^-1 M.
    /// </summary>
    private static (Vector<double> Alpha, double[] Scales, double Q, double LogDetMam) Solve(Matrix<double> inv, Matrix<double> m, Vector<double> y)
    {
        int b = m.ColumnCount;
        var am = inv * m;
        var mam = m.TransposeThisAndMultiply(am);
        var may = am.TransposeThisAndMultiply(y);
        double[]? s = null;
        if (b > 1 && mam.Determinant() > 1e-12 * mam.Diagonal().Aggregate(1.0, (acc, v) => acc * v))
        {
            var full = mam.Solve(may);
            if (full.All(v => v >= 0)) s = full.ToArray();
        }
        (double[] S, double Q) Residual(double[] scales)
        {
            var r = y - m * Vector<double>.Build.DenseOfArray(scales);
            return (scales, r.DotProduct(inv * r));
        }
        (double[] S, double Q) chosen;
        if (s is not null) chosen = Residual(s);
        else
        {
            chosen = (new double[b], double.PositiveInfinity);
            for (int j = 0; j < b; j++)
            {
                var one = new double[b];
                one[j] = mam[j, j] > 0 ? Math.Max(0, may[j] / mam[j, j]) : 0;
                var c = Residual(one);
                if (c.Q < chosen.Q) chosen = c;
            }
        }
        double logDetMam = 0;
        for (int j = 0; j < b; j++) if (chosen.S[j] > 0) logDetMam += Math.Log(Math.Max(mam[j, j], 1e-300));
        if (chosen.S.All(v => v > 0) && b > 1) logDetMam = Math.Log(Math.Max(mam.Determinant(), 1e-300));
        var alpha = inv * (y - m * Vector<double>.Build.DenseOfArray(chosen.S));
        return (alpha, chosen.S, chosen.Q, logDetMam);
    }

    /// <summary>Exact leave-one-out at a fixed lambda: the inverse without row i is P - q q^T / c (block inverse).</summary>
    private static double[] LeaveOneOut(Matrix<double> inv, Matrix<double> k, Matrix<double> g, Matrix<double> m, Vector<double> y, Matrix<double> mu, int biasIndex)
    {
        int n = y.Count, b = m.ColumnCount;
        var oof = new double[n];
        if (n < 3) return oof; // no ranking among held-out predictions on 2 points
        for (int i = 0; i < n; i++)
        {
            var keep = Enumerable.Range(0, n).Where(j => j != i).ToArray();
            var P = Matrix<double>.Build.Dense(n - 1, n - 1, (r, c) => inv[keep[r], keep[c]]);
            var qv = Vector<double>.Build.Dense(n - 1, r => inv[keep[r], i]);
            P -= qv.OuterProduct(qv) / inv[i, i];
            var (alpha, s, _, _) = Solve(P, Matrix<double>.Build.Dense(n - 1, b, (r, c) => m[keep[r], c]), Vector<double>.Build.Dense(n - 1, r => y[keep[r]]));
            double f = 0, bias = 0;
            for (int j = 0; j < b; j++) { f += s[j] * m[i, j]; bias += s[j] * mu[biasIndex, j]; }
            for (int r = 0; r < n - 1; r++) { f += k[i, keep[r]] * alpha[r]; bias += g[biasIndex, keep[r]] * alpha[r]; }
            oof[i] = f - bias;
        }
        return oof;
    }
}

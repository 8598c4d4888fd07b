namespace OneProxy.Adaptation;

/// <summary>
/// Ledoit-Wolf shrinkage covariance (Ledoit and Wolf 2004, "A well-conditioned estimator for
/// large-dimensional covariance matrices"): (1 - rho) S + rho (tr S / p) I with the
/// intensity rho estimated from the data (the same estimator as scikit-learn's ledoit_wolf,
/// with the 1/n sample covariance). A library of ~20 devices and 30-200 operator costs gives
/// a sample covariance of rank below 20; shrinking makes it positive definite, so a target
/// outside the library's span is still possible under the prior.
/// Written here because MathNet.Numerics has no shrinkage estimator.
/// </summary>
public static class LedoitWolf
{
    /// <summary>The shrunk covariance of the rows of <paramref name="samples"/> (observations x variables), and the intensity used.</summary>
    public static (double[,] Covariance, double[] Mean, double Shrinkage) Estimate(double[,] samples)
    {
        int n = samples.GetLength(0), p = samples.GetLength(1);
        if (n < 2) throw new ArgumentException($"need at least 2 observations for a covariance, got {n}");
        if (p < 1) throw new ArgumentException("need at least 1 variable");
        var mean = new double[p];
        for (int i = 0; i < n; i++) for (int j = 0; j < p; j++) mean[j] += samples[i, j] / n;
        var c = new double[n, p];
        for (int i = 0; i < n; i++) for (int j = 0; j < p; j++) c[i, j] = samples[i, j] - mean[j];
        var s = new double[p, p];
        for (int i = 0; i < n; i++)
            for (int a = 0; a < p; a++)
            {
                double ca = c[i, a];
                if (ca == 0) continue;
                for (int b = a; b < p; b++) s[a, b] += ca * c[i, b] / n;
            }
        for (int a = 0; a < p; a++) for (int b = 0; b < a; b++) s[a, b] = s[b, a];
        double mu = 0;
        for (int a = 0; a < p; a++) mu += s[a, a] / p;
        // delta^2 = ||S - mu I||_F^2 / p; beta^2 = (1/n^2) sum_i ||c_i c_i^T - S||_F^2 / p, capped at delta^2.
        double delta = 0;
        for (int a = 0; a < p; a++) for (int b = 0; b < p; b++) { double d = s[a, b] - (a == b ? mu : 0); delta += d * d; }
        delta /= p;
        double beta = 0;
        for (int i = 0; i < n; i++)
            for (int a = 0; a < p; a++)
                for (int b = 0; b < p; b++) { double d = c[i, a] * c[i, b] - s[a, b]; beta += d * d; }
        beta /= (double)n * n * p;
        double rho = delta <= 0 ? 1 : Math.Min(beta, delta) / delta;
        var result = new double[p, p];
        for (int a = 0; a < p; a++)
            for (int b = 0; b < p; b++) result[a, b] = (1 - rho) * s[a, b] + (a == b ? rho * mu : 0);
        return (result, mean, rho);
    }
}

using MathNet.Numerics.LinearAlgebra;

namespace OneProxy.Predictors;

/// <summary>
/// min ||y - X w||^2 subject to w >= 0 for every column (no free intercept: a bias column, if
/// any, is constrained like the others). Projected coordinate descent on the normal equations:
/// the p x p Gram matrix is formed once (MathNet), so a sweep costs O(p^2) whatever the number
/// of rows. Collinear columns (one-hot groups plus a bias) make the weights non-unique but the
/// fitted values unique; the descent converges in the objective either way. MathNet has no
/// bound-constrained solver, hence this short loop.
/// </summary>
public static class NonNegativeLeastSquares
{
    /// <param name="tolerance">Stop when a sweep changes the objective by less than this fraction of mean(y^2).</param>
    public static double[] Solve(double[,] x, ReadOnlySpan<double> y, double tolerance = 1e-14, int maxSweeps = 50_000)
    {
        int n = x.GetLength(0), p = x.GetLength(1);
        if (y.Length != n) throw new ArgumentException($"X has {n} rows but y has {y.Length} values");
        if (n < 1 || p < 1) throw new ArgumentException($"need at least one row and one column (got {n} x {p})");
        var a = Matrix<double>.Build.DenseOfArray(x);
        var gram = a.TransposeThisAndMultiply(a).Divide(n).ToArray();
        var grad = a.TransposeThisAndMultiply(Vector<double>.Build.DenseOfArray(y.ToArray())).Divide(-n).ToArray(); // G w - X'y/n at w = 0
        double scale = 0;
        foreach (var v in y) scale += v * v;
        scale = Math.Max(scale / n, 1e-300);
        var w = new double[p];
        for (int sweep = 0; sweep < maxSweeps; sweep++)
        {
            double maxDecrease = 0;
            for (int j = 0; j < p; j++)
            {
                double gjj = gram[j, j];
                if (gjj <= 1e-300) continue; // an all-zero column: its weight stays 0
                double updated = Math.Max(0, w[j] - grad[j] / gjj);
                double delta = updated - w[j];
                if (delta == 0) continue;
                w[j] = updated;
                for (int k = 0; k < p; k++) grad[k] += delta * gram[k, j];
                maxDecrease = Math.Max(maxDecrease, gjj * delta * delta);
            }
            if (maxDecrease < tolerance * scale) break;
        }
        return w;
    }
}

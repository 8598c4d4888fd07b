using MathNet.Numerics.LinearAlgebra;

namespace OneProxy.Predictors;

/// <summary>
/// min ||y - X w||^2 subject to w >= 0 for every column (no free intercept: a bias column, if
/// any, is constrained like the others). Projected coordinate descent on the normal equations:
/// the p x p Gram matrix is formed once (MathNet), so a sweep costs O(p^2) whatever the number
/// of rows. Collinear columns (one-hot groups plus a bias) make the weights non-unique but the
/// fitted values unique; the descent converges in the objective either way. Descent converges
/// linearly, so its answer is then polished: least squares restricted to the weights it left
/// positive (MathNet pseudo-inverse), kept if it stays >= 0 and satisfies the optimality
/// conditions (gradient >= 0 on the zero weights). MathNet has no bound-constrained solver,
/// hence this short loop.
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
        var xty = a.TransposeThisAndMultiply(Vector<double>.Build.DenseOfArray(y.ToArray())).Divide(n).ToArray();
        var grad = xty.Select(v => -v).ToArray(); // G w - X'y/n at w = 0
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
        return Polish(gram, xty, w, scale) ?? w;
    }

    /// <summary>
    /// The exact optimum on the descent's support, or null if it leaves the feasible set or is not
    /// optimal. Collinear columns make that optimum an affine set: its point nearest the descent's
    /// weights is taken (the minimum-norm solution plus the null-space part of the difference), so
    /// the weights stay as positive as the descent left them.
    /// </summary>
    private static double[]? Polish(double[,] gram, double[] xty, double[] w, double scale)
    {
        int p = w.Length;
        var support = Enumerable.Range(0, p).Where(j => w[j] > 0).ToArray();
        if (support.Length == 0) return null;
        var gs = Matrix<double>.Build.Dense(support.Length, support.Length, (i, k) => gram[support[i], support[k]]);
        var pinv = gs.PseudoInverse();
        var minNorm = pinv * Vector<double>.Build.Dense(support.Length, i => xty[support[i]]);
        var descent = Vector<double>.Build.Dense(support.Length, i => w[support[i]]);
        var nullPart = descent - minNorm;
        var ws = minNorm + (nullPart - pinv * (gs * nullPart));
        var exact = new double[p];
        for (int i = 0; i < support.Length; i++)
        {
            if (!(ws[i] >= -1e-12 * Math.Max(1, Math.Abs(w[support[i]])))) return null;
            exact[support[i]] = Math.Max(0, ws[i]);
        }
        for (int j = 0; j < p; j++)
        {
            double g = -xty[j];
            for (int k = 0; k < p; k++) g += gram[j, k] * exact[k];
            if (exact[j] == 0 ? g < -1e-9 * scale : Math.Abs(g) > 1e-9 * scale) return null;
        }
        return exact;
    }
}

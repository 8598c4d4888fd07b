namespace OneProxy.Predictors;

/// <summary>
/// Minimises (1/2N)||y - c - X theta||^2 + lambda * sum_j pen_j(theta_j) by cyclic coordinate
/// descent, with an unpenalised intercept c and optional theta_j >= 0 per coefficient.
/// A whole lambda path is solved with warm starts (glmnet's strategy), which is how AdaProxy
/// (Eq. 3.3), non-negative library combinations, NNLS and ridge are all fitted here.
/// Columns are centred internally, so the intercept never needs a bias column; a constant
/// column gets coefficient 0.
/// </summary>
public sealed class PenalizedRegression
{
    private readonly int _n, _p;
    private readonly double[] _x; // centred, column-major
    private readonly double[] _colSq; // ||x_j||^2 / N
    private readonly double[] _xMean;
    private readonly double[] _y;
    private readonly double _yMean;
    private readonly Coefficient[] _coefs;

    public PenalizedRegression(double[,] x, ReadOnlySpan<double> y, IReadOnlyList<Coefficient> coefficients)
    {
        _n = x.GetLength(0);
        _p = x.GetLength(1);
        if (y.Length != _n) throw new ArgumentException($"X has {_n} rows but y has {y.Length} values");
        if (coefficients.Count != _p) throw new ArgumentException($"X has {_p} columns but {coefficients.Count} coefficient specs were given");
        if (_n < 1) throw new ArgumentException("need at least one sample");
        _coefs = [.. coefficients];
        _x = new double[_n * _p];
        _xMean = new double[_p];
        _colSq = new double[_p];
        for (int j = 0; j < _p; j++)
        {
            double m = 0;
            for (int i = 0; i < _n; i++) m += x[i, j];
            m /= _n;
            _xMean[j] = m;
            double ss = 0;
            for (int i = 0; i < _n; i++)
            {
                double v = x[i, j] - m;
                _x[j * _n + i] = v;
                ss += v * v;
            }
            _colSq[j] = ss / _n;
        }
        _yMean = 0;
        foreach (var v in y) { if (!double.IsFinite(v)) throw new ArgumentException("y has a non-finite value"); _yMean += v; }
        _yMean /= _n;
        _y = new double[_n];
        for (int i = 0; i < _n; i++) _y[i] = y[i] - _yMean;
    }

    public int Features => _p;

    /// <summary>
    /// Top of a useful lambda path. With L1 terms: the smallest lambda at which every
    /// L1-penalised coefficient is zero (after fitting the free ones). Ridge never zeroes a
    /// coefficient, so with only L2 terms it is the lambda that shrinks every ridge coefficient
    /// to about 1/100 of its unpenalised size (lambda = 100 ||x_j||^2/N, largest j); the default
    /// ratio 1e-4 then ends the path where the shrinkage is about 1%.
    /// </summary>
    public double LambdaMax()
    {
        if (!_coefs.Any(c => c.Penalty == Penalty.L1))
        {
            double a = 0;
            for (int j = 0; j < _p; j++) if (_coefs[j].Penalty == Penalty.L2) a = Math.Max(a, _colSq[j]);
            return 1e2 * a;
        }
        var theta = new double[_p];
        var r = (double[])_y.Clone();
        // Fit the unpenalised coefficients alone (lambda = infinity for the others).
        Solve(theta, r, double.PositiveInfinity, 1e-10, 500);
        double max = 0;
        for (int j = 0; j < _p; j++)
        {
            if (_coefs[j].Penalty != Penalty.L1) continue;
            double g = Dot(j, r) / _n;
            if (_coefs[j].NonNegative) g = Math.Max(g, 0);
            max = Math.Max(max, Math.Abs(g));
        }
        return max;
    }

    /// <summary>A log-spaced path from <see cref="LambdaMax"/> down to <paramref name="ratio"/> times it.</summary>
    public double[] LambdaPath(int count = 40, double ratio = 1e-4)
    {
        double max = LambdaMax();
        if (max <= 0) max = 1e-6;
        var path = new double[count];
        for (int k = 0; k < count; k++) path[k] = max * Math.Pow(ratio, k / (double)(count - 1));
        return path;
    }

    /// <summary>Solutions along <paramref name="lambdas"/> (descending), each warm-started from the previous.</summary>
    public IReadOnlyList<LinearModel> Path(IReadOnlyList<double> lambdas, double tolerance = 1e-9, int maxSweeps = 2000)
    {
        var theta = new double[_p];
        var r = (double[])_y.Clone();
        var result = new List<LinearModel>(lambdas.Count);
        foreach (var lambda in lambdas)
        {
            Solve(theta, r, lambda, tolerance, maxSweeps);
            result.Add(Model(theta, lambda));
        }
        return result;
    }

    public LinearModel Fit(double lambda, double tolerance = 1e-10, int maxSweeps = 5000)
    {
        var theta = new double[_p];
        var r = (double[])_y.Clone();
        Solve(theta, r, lambda, tolerance, maxSweeps);
        return Model(theta, lambda);
    }

    private LinearModel Model(double[] theta, double lambda)
    {
        double c = _yMean;
        for (int j = 0; j < _p; j++) c -= _xMean[j] * theta[j];
        return new LinearModel((double[])theta.Clone(), c, lambda);
    }

    private void Solve(double[] theta, double[] r, double lambda, double tolerance, int maxSweeps)
    {
        double yScale = 0;
        foreach (var v in _y) yScale += v * v;
        yScale = Math.Max(yScale / _n, 1e-300);
        for (int sweep = 0; sweep < maxSweeps; sweep++)
        {
            double maxChange = 0;
            for (int j = 0; j < _p; j++)
            {
                double a = _colSq[j];
                if (a <= 1e-300) { theta[j] = 0; continue; }
                var spec = _coefs[j];
                double old = theta[j];
                double rho = Dot(j, r) / _n + a * old;
                double updated = spec.Penalty switch
                {
                    Penalty.None => rho / a,
                    Penalty.L1 => double.IsPositiveInfinity(lambda) ? 0 : SoftThreshold(rho, lambda) / a,
                    _ => double.IsPositiveInfinity(lambda) ? 0 : rho / (a + lambda),
                };
                if (spec.NonNegative && updated < 0) updated = 0;
                double delta = updated - old;
                if (delta != 0)
                {
                    theta[j] = updated;
                    int off = j * _n;
                    for (int i = 0; i < _n; i++) r[i] -= delta * _x[off + i];
                    maxChange = Math.Max(maxChange, a * delta * delta);
                }
            }
            if (maxChange < tolerance * yScale) return;
        }
    }

    private double Dot(int j, double[] r)
    {
        double s = 0;
        int off = j * _n;
        for (int i = 0; i < _n; i++) s += _x[off + i] * r[i];
        return s;
    }

    private static double SoftThreshold(double z, double g) => z > g ? z - g : z < -g ? z + g : 0;
}

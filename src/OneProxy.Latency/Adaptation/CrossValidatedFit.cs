using OneProxy.Monotonicity;
using OneProxy.Predictors;

namespace OneProxy.Adaptation;

/// <summary>
/// Picks lambda on a warm-started path by the SRCC of out-of-fold predictions (pooled over
/// folds: with ten samples a fold holds one or two, too few for an SRCC of its own), then refits
/// on every sample. Ties go to the larger lambda (the simpler model).
/// Out-of-fold predictions leave out each fold's intercept: it carries the training mean, which
/// is anti-correlated with the held-out values (with leave-one-out, exactly -y_i/(N-1)) and
/// would reward under-regularised models; ranks only need x . theta.
/// </summary>
public static class CrossValidatedFit
{
    public static (LinearModel Model, double CvSrcc) Run(double[,] design, double[] y, Coefficient[] specs, AdaptationOptions options)
    {
        var (model, cv, _) = RunWithOutOfFold(design, y, specs, options);
        return (model, cv);
    }

    /// <summary>As <see cref="Run"/>, also returning the out-of-fold predictions (intercept left out) at the chosen lambda.</summary>
    public static (LinearModel Model, double CvSrcc, double[] OutOfFold) RunWithOutOfFold(double[,] design, double[] y, Coefficient[] specs, AdaptationOptions options)
    {
        int n = y.Length, q = design.GetLength(1);
        var full = new PenalizedRegression(design, y, specs);
        var lambdas = full.LambdaPath(options.LambdaCount, options.LambdaRatio);
        if (n < 3)
        {
            var m = full.Path(lambdas, 1e-7, options.MaxSweeps)[^1];
            return (m, double.NaN, Enumerable.Range(0, n).Select(i => m.Predict(design, i) - m.Intercept).ToArray());
        }
        int folds = n <= options.LeaveOneOutUpTo ? n : 5;
        var oof = new double[lambdas.Length][];
        for (int l = 0; l < lambdas.Length; l++) oof[l] = new double[n];
        for (int f = 0; f < folds; f++)
        {
            var train = Enumerable.Range(0, n).Where(i => i % folds != f).ToArray();
            var test = Enumerable.Range(0, n).Where(i => i % folds == f).ToArray();
            var xt = new double[train.Length, q];
            var yt = new double[train.Length];
            for (int r = 0; r < train.Length; r++)
            {
                yt[r] = y[train[r]];
                for (int c = 0; c < q; c++) xt[r, c] = design[train[r], c];
            }
            var path = new PenalizedRegression(xt, yt, specs).Path(lambdas, 1e-7, options.MaxSweeps);
            for (int l = 0; l < lambdas.Length; l++)
                foreach (var i in test) oof[l][i] = path[l].Predict(design, i) - path[l].Intercept;
        }
        int best = -1;
        double bestSrcc = double.NegativeInfinity;
        // lambdas[0] is lambda_max, where every penalised coefficient of the full fit is zero:
        // a constant predictor ranks nothing, so it is never chosen when a path exists.
        for (int l = lambdas.Length > 1 ? 1 : 0; l < lambdas.Length; l++)
        {
            double s = Spearman.Correlation(oof[l], y);
            if (!double.IsNaN(s) && s > bestSrcc + 1e-12) { bestSrcc = s; best = l; }
        }
        if (best < 0) { best = lambdas.Length - 1; bestSrcc = double.NaN; }
        var model = full.Path(lambdas.Take(best + 1).ToArray(), 1e-7, options.MaxSweeps)[^1];
        return (model, bestSrcc, oof[best]);
    }
}

namespace OneProxy.Predictors;

/// <summary>How <see cref="LinearPredictorFitter"/> fits a latency (or energy) predictor.</summary>
public enum LatencyFit
{
    /// <summary>
    /// Least squares with every weight, the bias included, kept >= 0. Every space's features are
    /// >= 0 (one-hot choices, resolution scales, the constant bias), so no architecture can be
    /// predicted below zero. On one-hot-per-gene spaces this is exactly least squares under
    /// "no architecture of the space below zero": a model whose minimum over the space is >= 0 can
    /// move each gene's smallest weight into the bias, leaving all weights >= 0. So where plain
    /// least squares is already non-negative everywhere, both give the same predictions.
    /// </summary>
    NonNegative,

    /// <summary>Unconstrained minimum-norm least squares; may predict below zero (kept for comparison).</summary>
    LeastSquares,
}

using MathNet.Numerics.Statistics;

namespace OneProxy.Predictors;

/// <summary>Diagnostics of what a latency predictor leaves unexplained.</summary>
public static class Residuals
{
    /// <summary>
    /// Lag-1 autocorrelation of residuals in the order given (MathNet's <c>Correlation.Auto</c>).
    /// Independent measurement noise gives about 0 (standard error 1/sqrt(n)); a recording whose
    /// latency drifts with time (thermal throttling, background load) gives clearly positive
    /// values when the residuals are in measurement order. NaN for fewer than 3 values or zero variance.
    /// </summary>
    public static double Lag1Autocorrelation(double[] residuals)
    {
        ArgumentNullException.ThrowIfNull(residuals);
        foreach (var r in residuals)
            if (!double.IsFinite(r)) throw new ArgumentException("residuals must be finite");
        if (residuals.Length < 3) return double.NaN;
        double mean = residuals.Average();
        if (residuals.All(r => r == mean)) return double.NaN;
        return Correlation.Auto(residuals, 1, 1)[0];
    }
}

using OneProxy.Predictors;

namespace OneProxy.Tests.Predictors;

public class ResidualsTests
{
    [Fact]
    public void Lag1AutocorrelationMatchesTheTextbookEstimator()
    {
        // Deviations -2..2: sum of lag-1 products 4 over sum of squares 10.
        Assert.Equal(0.4, Residuals.Lag1Autocorrelation([1, 2, 3, 4, 5]), 1e-9);
        // Alternating signs: -3 over 4.
        Assert.Equal(-0.75, Residuals.Lag1Autocorrelation([1, -1, 1, -1]), 1e-9);
    }

    [Fact]
    public void IndependentNoiseIsNearZeroAndADriftIsNot()
    {
        var rng = new Random(3);
        var noise = Enumerable.Range(0, 4000).Select(_ => rng.NextDouble() - 0.5).ToArray();
        Assert.InRange(Residuals.Lag1Autocorrelation(noise), -0.05, 0.05); // 3 standard errors
        var drift = noise.Select((v, i) => v + Math.Sin(i / 200.0)).ToArray();
        Assert.True(Residuals.Lag1Autocorrelation(drift) > 0.5);
    }

    [Fact]
    public void TooFewOrConstantValuesGiveNaNAndNaNInputIsRefused()
    {
        Assert.True(double.IsNaN(Residuals.Lag1Autocorrelation([1, 2])));
        Assert.True(double.IsNaN(Residuals.Lag1Autocorrelation([2, 2, 2, 2])));
        Assert.Throws<ArgumentException>(() => Residuals.Lag1Autocorrelation([1, double.NaN, 3]));
    }
}

using OneProxy.Adaptation;
using OneProxy.Monotonicity;
using OneProxy.Predictors;
using OneProxy.SearchSpaces;

namespace OneProxy.Tests.Adaptation;

/// <summary>Issue 19, item 3: the empirical-Bayes prior from the library (synthetic devices).</summary>
public class LibraryPriorTests
{
    private static readonly NasBench201Space Space = new();

    [Fact]
    public void LedoitWolfMatchesGoldenValues()
    {
        // Reference values from the closed-form estimator (scikit-learn's ledoit_wolf formulas) evaluated independently.
        var x = new double[,] { { 1, 2, 0.5 }, { 2, 1, 1.5 }, { 0, 3, 1 }, { 4, 0, 2 } };
        var (cov, mean, rho) = LedoitWolf.Estimate(x);
        Assert.Equal(0.296500920810313, rho, 10);
        Assert.Equal(1.75, mean[0], 12);
        Assert.Equal(1.9095303867403315, cov[0, 0], 10);
        Assert.Equal(-1.1431860036832413, cov[0, 1], 10);
        Assert.Equal(cov[0, 1], cov[1, 0], 14);
        Assert.Equal(-0.35174953959484345, cov[1, 2], 10);
        Assert.Equal(0.5904696132596685, cov[2, 2], 10);
        Assert.Throws<ArgumentException>(() => LedoitWolf.Estimate(new double[1, 3]));
    }

    /// <summary>Synthetic devices: a shared base cost plus a device-specific multiple of one "direction" (conv-heavy vs not), plus small noise.</summary>
    private static LinearPredictor[] Devices(Random rng, double[] baseCost, double[] direction, int count) =>
        [.. Enumerable.Range(0, count).Select(d =>
        {
            double a = rng.NextDouble() * 2 - 1, scale = 1 + 5 * rng.NextDouble();
            var w = baseCost.Select((b, j) => scale * Math.Max(0, b + a * direction[j] + 0.02 * rng.NextDouble())).ToArray();
            return new LinearPredictor("nasbench201", $"dev{d}", w, "synthetic", 0);
        })];

    [Fact]
    public void LeaveOneOutPredictionsEqualRefitsWithoutTheSample()
    {
        var rng = new Random(3);
        var reference = ProxyAdapter.ReferenceSet(Space, 300);
        var baseCost = Enumerable.Range(0, 31).Select(_ => 0.2 + rng.NextDouble()).ToArray();
        var direction = Enumerable.Range(0, 31).Select(_ => rng.NextDouble() - 0.5).ToArray();
        var devices = Devices(rng, baseCost, direction, 12);
        var prior = LibraryPrior.Of(devices, reference, anchor: devices[0]);
        var x = ProxyAdapter.ReferenceSet(Space, 9).Values;
        var y = Enumerable.Range(0, 9).Select(i => 3 + Enumerable.Range(0, 31).Sum(j => x[i, j] * baseCost[j]) + rng.NextDouble()).ToArray();
        const double ratio = 0.05;
        var fit = PriorRegression.Fit(x, y, prior, 30, ratio);
        for (int i = 0; i < 9; i++)
        {
            var keep = Enumerable.Range(0, 9).Where(r => r != i).ToArray();
            var xi = new double[8, 31];
            for (int r = 0; r < 8; r++) for (int j = 0; j < 31; j++) xi[r, j] = x[keep[r], j];
            var w = PriorRegression.Fit(xi, keep.Select(r => y[r]).ToArray(), prior, 30, ratio).Weights;
            double expected = Enumerable.Range(0, 30).Sum(j => x[i, j] * w[j]); // bias (feature 30) left out
            Assert.Equal(expected, fit.OutOfSample[i], 8);
        }
        Assert.All(fit.Scales, v => Assert.True(v >= 0));
    }

    [Fact]
    public void FiveSamplesMoveTheCostsTheLibraryCoVaries()
    {
        var rng = new Random(11);
        var all = new FeatureMatrix(Space, Space.Enumerate().ToArray());
        var reference = ProxyAdapter.ReferenceSet(Space, 500);
        var baseCost = Enumerable.Range(0, 31).Select(_ => 0.5 + rng.NextDouble()).ToArray();
        var direction = Enumerable.Range(0, 31).Select(_ => 2 * (rng.NextDouble() - 0.5)).ToArray();
        var library = Devices(rng, baseCost, direction, 15);
        // The target sits at the end of the library's direction: the library mean ranks it poorly.
        var target = baseCost.Select((b, j) => 4 * Math.Max(0, b + 1.0 * direction[j])).ToArray();
        var truth = all.Multiply(target);
        var prior = LibraryPrior.Of(library, reference);
        double meanSrcc = Spearman.Correlation(all.Multiply(prior.Mean), truth);
        var rows = Enumerable.Range(0, 5).Select(_ => rng.Next(all.Rows)).ToArray();
        var x = all.SelectRows(rows);
        var fit = PriorRegression.Fit(x.Values, rows.Select(r => truth[r] * (1 + 0.01 * rng.NextDouble())).ToArray(), prior, 30);
        double fitted = Spearman.Correlation(all.Multiply(fit.Weights), truth);
        Assert.True(fitted > 0.97 && fitted > meanSrcc + 0.05, $"prior fit SRCC {fitted:0.000}, library mean {meanSrcc:0.000}");
        Assert.InRange(prior.Shrinkage, 0, 1);
    }

    /// <summary>A proxy that already ranks the target well: the anchored prior stays with it on 5 samples where the library mean is off.</summary>
    [Fact]
    public void AnchoredPriorKeepsAGoodProxy()
    {
        var rng = new Random(5);
        var all = new FeatureMatrix(Space, Space.Enumerate().ToArray());
        var reference = ProxyAdapter.ReferenceSet(Space, 500);
        var baseCost = Enumerable.Range(0, 31).Select(_ => 0.5 + rng.NextDouble()).ToArray();
        var direction = Enumerable.Range(0, 31).Select(_ => 2 * (rng.NextDouble() - 0.5)).ToArray();
        var library = Devices(rng, baseCost, direction, 15);
        var proxyWeights = baseCost.Select((b, j) => Math.Max(0, b - 1.0 * direction[j])).ToArray();
        var proxy = new LinearPredictor("nasbench201", "proxy", proxyWeights, "synthetic", 0);
        var truth = all.Multiply(proxyWeights).Select(v => 3 * v).ToArray();
        var rows = Enumerable.Range(0, 5).Select(_ => rng.Next(all.Rows)).ToArray();
        var y = rows.Select(r => truth[r] * (1 + 0.01 * rng.NextDouble())).ToArray();
        var x = all.SelectRows(rows).Values;
        double anchored = Spearman.Correlation(all.Multiply(PriorRegression.Fit(x, y, LibraryPrior.Of(library, reference, proxy), 30).Weights), truth);
        double meanOnly = Spearman.Correlation(all.Multiply(LibraryPrior.Of(library, reference).Mean), truth);
        Assert.True(anchored > 0.99 && anchored > meanOnly, $"anchored {anchored:0.000}, library mean {meanOnly:0.000}");
    }
}

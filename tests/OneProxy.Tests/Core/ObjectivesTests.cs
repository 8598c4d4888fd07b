using OneProxy.Search;
using OneProxy.SearchSpaces;

namespace OneProxy.Tests.Core;

public class ObjectivesTests
{
    private static readonly Metric[] LatAcc = [Metric.LatencyMs, Metric.AccuracyPercent];
    private static readonly Metric[] Three = [Metric.LatencyMs, Metric.EnergyMj, Metric.AccuracyPercent];

    [Fact]
    public void TwoMetricFrontMatchesTheTwoObjectivePath()
    {
        var rng = new Random(3);
        var lat = Enumerable.Range(0, 500).Select(_ => Math.Round(rng.NextDouble() * 20, 1)).ToArray();
        var acc = Enumerable.Range(0, 500).Select(_ => Math.Round(rng.NextDouble() * 100, 0)).ToArray();
        var points = lat.Select((l, i) => new[] { l, acc[i] }).ToArray();
        Assert.Equal(Pareto.NonDominated(lat, acc), ParetoSet.NonDominated(LatAcc, points));
        Assert.Equal(Pareto.Hypervolume(lat, acc, 20, 0), Hypervolume.Compute(LatAcc, points, [20, 0]), 9);
    }

    [Fact]
    public void ThreeMetricFrontKeepsExactlyTheNonDominated()
    {
        double[][] p =
        [
            [1, 5, 70], // fast, costly, accurate enough
            [2, 1, 70], // slower, frugal
            [2, 2, 69], // dominated by the previous one
            [3, 3, 90], // accurate
            [1, 5, 70], // duplicate of the first: dropped
            [4, 4, 80], // dominated by [3,3,90]
        ];
        Assert.Equal([0, 1, 3], ParetoSet.NonDominated(Three, p));
    }

    [Fact]
    public void HypervolumeGoldenValues()
    {
        // One point in 2-D: a rectangle.
        Assert.Equal(6.0, Hypervolume.Compute(LatAcc, [[1, 3]], [4, 1]), 12);
        // Two points in 3-D (all minimised): union of boxes [1,3]x[2,3]x[1,3] and [2,3]x[1,3]x[2,3]
        // = 1*... computed by inclusion-exclusion: 2*1*2 + 1*2*1 - 1*1*1 = 4 + 2 - 1 = 5.
        Metric[] mins = [Metric.LatencyMs, Metric.EnergyMj, Metric.Cycles];
        Assert.Equal(5.0, Hypervolume.Compute(mins, [[1, 2, 1], [2, 1, 2]], [3, 3, 3]), 12);
        // A point outside the reference adds nothing; a maximised metric counts upwards.
        Assert.Equal(0.0, Hypervolume.Compute(LatAcc, [[5, 90]], [4, 50]), 12);
        Assert.Equal(40.0, Hypervolume.Compute(LatAcc, [[3, 90]], [4, 50]), 12);
    }

    [Fact]
    public void ThreeDimensionalHypervolumeMatchesMonteCarlo()
    {
        var rng = new Random(11);
        var pts = Enumerable.Range(0, 30).Select(_ => new[] { rng.NextDouble(), rng.NextDouble(), rng.NextDouble() }).ToArray();
        Metric[] mins = [Metric.LatencyMs, Metric.EnergyMj, Metric.Cycles];
        double exact = Hypervolume.Compute(mins, pts, [1, 1, 1]);
        int hit = 0, n = 200_000;
        for (int i = 0; i < n; i++)
        {
            double x = rng.NextDouble(), y = rng.NextDouble(), z = rng.NextDouble();
            if (pts.Any(p => p[0] <= x && p[1] <= y && p[2] <= z)) hit++;
        }
        Assert.Equal(exact, (double)hit / n, 2); // Monte Carlo standard error ~0.001
    }

    [Fact]
    public void RatioIsOneForTheOracleItself()
    {
        double[][] oracle = [[1, 70], [2, 80], [4, 90]];
        Assert.Equal(1.0, Hypervolume.Ratio(LatAcc, oracle, oracle), 12);
        // Reference = the oracle's worst values (4 ms, 70 %): the oracle covers 2 x 10 = 20, [1, 75] covers 3 x 5 = 15.
        Assert.Equal(0.75, Hypervolume.Ratio(LatAcc, [[1, 75]], oracle), 12);
    }

    [Fact]
    public void NaNValuesAreRefusedWithTheMetricName()
    {
        var e = Assert.Throws<ArgumentException>(() => ParetoSet.NonDominated(Three, [[1, double.NaN, 3]]));
        Assert.Contains("energy_mj", e.Message);
    }
}

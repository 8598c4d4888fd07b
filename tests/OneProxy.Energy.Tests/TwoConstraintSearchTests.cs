using OneProxy.Energy.Constraints;

namespace OneProxy.Energy.Tests;

public class TwoConstraintSearchTests
{
    /// <summary>
    /// A synthetic pool (labelled so: no data) where accuracy rises with both costs, and a target
    /// whose costs are a monotone transform of the proxy's (so monotonicity holds exactly).
    /// </summary>
    private static (DesignPool Pool, double[] Lat, double[] En) Synthetic(int n, int seed)
    {
        var rng = new Random(seed);
        var lat = new double[n];
        var en = new double[n];
        var acc = new double[n];
        for (int i = 0; i < n; i++)
        {
            double a = rng.NextDouble(), b = rng.NextDouble();
            lat[i] = 1 + 9 * a;
            en[i] = 5 + 50 * (0.3 * a + 0.7 * b);
            acc[i] = 60 + 20 * Math.Sqrt(0.5 * a + 0.5 * b) + rng.NextDouble();
        }
        var pool = new DesignPool(Enumerable.Range(0, n).Select(i => $"d{i}").ToArray(), acc, lat, en);
        return (pool, lat.Select(v => 2 * v * v).ToArray(), en.Select(v => 3 * v + 1).ToArray());
    }

    [Theory]
    [InlineData(TwoConstraintMethod.Nested)]
    [InlineData(TwoConstraintMethod.Ray)]
    [InlineData(TwoConstraintMethod.RayTurn)]
    public void EveryMethodMeetsBothBoundsWheneverADesignCan(TwoConstraintMethod method)
    {
        var (pool, lat, en) = Synthetic(400, 1);
        var sorted = (double[] v, double q) => v.OrderBy(x => x).ElementAt((int)(q * (v.Length - 1)));
        foreach (var (ql, qe) in new[] { (0.1, 0.5), (0.5, 0.1), (0.3, 0.3), (0.8, 0.8) })
        {
            double L = sorted(lat, ql), E = sorted(en, qe);
            var r = TwoConstraintSearch.Run(pool, new RecordedTwoMetricTarget("t", lat, en), new TwoConstraintOptions(L, E), method);
            Assert.NotNull(r.Best);
            Assert.True(lat[r.Best!.Value] <= L && en[r.Best.Value] <= E, $"{method} at ({ql}, {qe}) broke a bound");
            int cap = method == TwoConstraintMethod.Ray ? 10 : method == TwoConstraintMethod.RayTurn ? 20 : 100;
            Assert.InRange(r.TargetMeasurements, 1, cap);
        }
    }

    [Fact]
    public void NoFeasibleDesignGivesNoAnswerRatherThanABrokenBound()
    {
        var (pool, lat, en) = Synthetic(200, 2);
        var r = TwoConstraintSearch.Run(pool, new RecordedTwoMetricTarget("t", lat, en), new TwoConstraintOptions(lat.Min() / 2, en.Min() / 2), TwoConstraintMethod.Ray);
        Assert.Null(r.Best);
        Assert.All(r.Steps, s => Assert.False(s.Feasible));
    }

    [Fact]
    public void SolveWeighsAccuracyAgainstNormalisedCosts()
    {
        // Golden values: three designs; t = 0 takes the most accurate, t1 = 1 the fastest, t2 = 1 the least energy.
        var pool = new DesignPool(["a", "b", "c"], [90, 80, 70], [10, 1, 5], [10, 5, 1]);
        Assert.Equal(0, pool.Solve(0, 0));
        Assert.Equal(1, pool.Solve(1, 0));
        Assert.Equal(2, pool.Solve(0, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => pool.Solve(0.7, 0.7));
    }

    [Fact]
    public void BadBoundsNameTheirFlag()
    {
        var e = Assert.Throws<InvalidOptionException>(() => new TwoConstraintOptions(1, -2).Validated());
        Assert.StartsWith("--max-energy", e.Message);
    }
}

using OneProxy.Data;
using OneProxy.Predictors;
using OneProxy.SearchSpaces;

namespace OneProxy.Tests.Predictors;

public class NonNegativeFitTests
{
    [Fact]
    public void SolverMatchesAHandSolvedProblem()
    {
        // y = [1, -1, 2] on columns e1, e2, (1,1,1): unconstrained w = (-1, -3, 2) ... with w >= 0
        // the e2 weight is 0 and (w1, w3) solve [[1,1],[1,3]] w = [1, 2]: w1 = 0.5, w3 = 0.5.
        var x = new double[,] { { 1, 0, 1 }, { 0, 1, 1 }, { 0, 0, 1 } };
        var w = NonNegativeLeastSquares.Solve(x, [1, -1, 2]);
        Assert.Equal(0.5, w[0], 9);
        Assert.Equal(0.0, w[1], 9);
        Assert.Equal(0.5, w[2], 9);
    }

    [SkippableFact]
    public void SolutionSatisfiesTheOptimalityConditions()
    {
        TestData.RequireSharedDatasets();
        // KKT of min ||y - Xw||^2, w >= 0: gradient g = X'(Xw - y) >= 0 everywhere, = 0 where w > 0.
        var t = TestData.NasBench201Latency;
        var x = new FeatureMatrix(new NasBench201Space(), t.RequireArchitectures());
        var y = t.Column("raspi4").ToArray();
        var w = NonNegativeLeastSquares.Solve(x.Values, y);
        var r = x.Multiply(w).Select((v, i) => v - y[i]).ToArray();
        double scale = y.Select(v => v * v).Average();
        for (int j = 0; j < x.Features; j++)
        {
            double g = 0;
            for (int i = 0; i < x.Rows; i++) g += x.Values[i, j] * r[i];
            g /= x.Rows;
            Assert.True(g >= -1e-5 * scale, $"feature {j}: gradient {g}");
            if (w[j] > 1e-9) Assert.True(Math.Abs(g) <= 1e-5 * scale, $"feature {j}: weight {w[j]} but gradient {g}");
        }
    }

    [SkippableFact]
    public void WhereLeastSquaresIsAlreadyNonNegativeBothGiveTheSamePredictions()
    {
        TestData.RequireSharedDatasets();
        // One-hot-per-gene spaces: the constrained fit is least squares under "no architecture below zero".
        var t = TestData.NasBench201Latency;
        var x = new FeatureMatrix(new NasBench201Space(), t.RequireArchitectures());
        foreach (var device in new[] { "1080ti_1", "eyeriss", "samsung_a50" })
        {
            var ls = LinearPredictorFitter.Fit(x, t.Column(device), device, LatencyFit.LeastSquares).PredictAll(x);
            var nn = LinearPredictorFitter.Fit(x, t.Column(device), device).PredictAll(x);
            Assert.True(ls.Min() > 0);
            for (int i = 0; i < ls.Length; i += 97) Assert.Equal(ls[i], nn[i], 3);
        }
    }

    /// <summary>Every device of the shared tables: no weight below zero, so no architecture of the space (not only the table's) is predicted below zero.</summary>
    [SkippableFact]
    public void EveryDeviceOfTheSharedSpacesGetsANonNegativePredictor()
    {
        TestData.RequireSharedDatasets();
        var tables = new (ISearchSpace Space, WideTable Table)[]
        {
            (new NasBench201Space(), TestData.NasBench201Latency),
            (new FbNetSpace(), TestData.FbNetLatency),
            (new MobileNetV2Space(), WideTableReader.ReadLatency(RepositoryFiles.Path("docs/data/mobilenetv2-real-latency.csv"), new MobileNetV2Space())),
        };
        int devices = 0;
        foreach (var (space, table) in tables)
        {
            var characterised = new CharacterisedDevices(space, table);
            foreach (var p in characterised.Predictors(table.ColumnNames))
            {
                Assert.All(p.Weights, w => Assert.True(w >= 0, $"{space.Name}/{p.Device}: weight {w}"));
                Assert.True(p.PredictAll(characterised.All).Min() >= 0, $"{space.Name}/{p.Device}");
                devices++;
            }
            // Random architectures outside the table too.
            var sample = new FeatureMatrix(space, space.SampleDistinct(500, new Random(3)));
            Assert.True(characterised.Predictor(table.ColumnNames[0]).PredictAll(sample).Min() >= 0);
        }
        Assert.True(devices >= 27 + 27 + 5, $"{devices} devices");
    }
}

using OneProxy.Energy.Gradient;
using OneProxy.Learning;

namespace OneProxy.Energy.Tests;

public class GradientSearchTests
{
    private static (GradientSearch Search, DenseNetwork Net, OneHotLayout Layout, double[] Lat, double[] En) Make(int seed)
    {
        var layout = new OneHotLayout([3, 4, 2]);
        var net = new DenseNetwork([layout.FeatureCount, 6, 1], Activation.Relu);
        net.Initialize(WeightInit.He, new Random(seed));
        var rng = new Random(seed + 1);
        var lat = Enumerable.Range(0, layout.FeatureCount).Select(_ => rng.NextDouble()).ToArray();
        var en = Enumerable.Range(0, layout.FeatureCount).Select(_ => rng.NextDouble()).ToArray();
        return (new GradientSearch(layout, net, lat, en, (-1, 1), (0, 3), (0, 3)), net, layout, lat, en);
    }

    [Fact]
    public void SoftLossGradientMatchesFiniteDifferences()
    {
        var (search, net, layout, _, _) = Make(3);
        var rng = new Random(5);
        int f = layout.FeatureCount;
        var logits = Enumerable.Range(0, f).Select(_ => rng.NextDouble() * 2 - 1).ToArray();
        var gumbel = Enumerable.Range(0, f).Select(_ => -Math.Log(-Math.Log(rng.NextDouble()))).ToArray();
        var grad = new double[f];
        var ws = net.CreateWorkspace(1);
        var genes = new int[layout.GeneCount];
        search.Loss(logits, gumbel, 0.3, 0.2, 0.7, GradientSampling.Soft, grad, ws, genes);
        var scratch = new double[f];
        for (int i = 0; i < f - 1; i++)
        {
            const double h = 1e-6;
            var plus = (double[])logits.Clone(); plus[i] += h;
            var minus = (double[])logits.Clone(); minus[i] -= h;
            double fd = (search.Loss(plus, gumbel, 0.3, 0.2, 0.7, GradientSampling.Soft, scratch, ws, genes)
                       - search.Loss(minus, gumbel, 0.3, 0.2, 0.7, GradientSampling.Soft, scratch, ws, genes)) / (2 * h);
            Assert.True(Math.Abs(fd - grad[i]) < 1e-6 * Math.Max(1, Math.Abs(fd)), $"logit {i}: analytic {grad[i]}, finite difference {fd}");
        }
    }

    [Fact]
    public void CostTermIsTheExactExpectationOverTheDistribution()
    {
        // With the accuracy weight at zero (t1 + t2 = 1) the loss is the expected normalised cost:
        // enumerate all 3 x 4 x 2 architectures and weight them by their probabilities.
        var (search, net, layout, lat, en) = Make(4);
        var logits = new double[] { 0.2, -1, 0.5, 1, 0, -0.3, 0.7, 0.1, -0.5, 0 };
        var p = new double[logits.Length];
        for (int g = 0; g < layout.GeneCount; g++)
        {
            double z = Enumerable.Range(0, layout.Choices[g]).Sum(c => Math.Exp(logits[layout.Offset[g] + c]));
            for (int c = 0; c < layout.Choices[g]; c++) p[layout.Offset[g] + c] = Math.Exp(logits[layout.Offset[g] + c]) / z;
        }
        double expected = 0;
        var x = new double[layout.FeatureCount];
        for (int a = 0; a < 3; a++) for (int b = 0; b < 4; b++) for (int c = 0; c < 2; c++)
        {
            layout.Encode([a, b, c], x);
            double prob = p[a] * p[layout.Offset[1] + b] * p[layout.Offset[2] + c];
            expected += prob * (0.6 * lat.Zip(x, (w, v) => w * v).Sum() / 3 + 0.4 * en.Zip(x, (w, v) => w * v).Sum() / 3);
        }
        double loss = search.Loss(logits, new double[logits.Length], 0.6, 0.4, 1, GradientSampling.StraightThrough, new double[logits.Length], net.CreateWorkspace(1), new int[3]);
        Assert.Equal(expected, loss, 12);
    }

    [Fact]
    public void SearchFindsTheCheapestArchitectureWhenOnlyCostCounts()
    {
        var (_, net, layout, lat, _) = Make(6);
        var search = new GradientSearch(layout, net, lat, null, (-1, 1), (0, 3), (0, 1));
        var r = search.Run(new GradientSearchOptions { Weights = 2, Steps = 80, SamplesPerStep = 2, LearningRate = 0.2 }, new Random(1));
        Assert.Equal(2 * 80 * 2, r.PredictorCalls);
        int[] cheapest = Enumerable.Range(0, layout.GeneCount).Select(g => Enumerable.Range(0, layout.Choices[g]).MinBy(c => lat[layout.Offset[g] + c])).ToArray();
        // The last weight (t = 0.95) is nearly all cost: its final samples are the cheapest architecture.
        var last = r.Evaluated.TakeLast(4).ToList();
        Assert.Contains(last, pt => pt.Genes.SequenceEqual(cheapest));
    }
}

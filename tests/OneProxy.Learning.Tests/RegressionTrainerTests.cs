using OneProxy.Learning;

namespace OneProxy.Learning.Tests;

public class RegressionTrainerTests
{
    private static (double[] X, double[] Y) Data(int n, int seed)
    {
        var rng = new Random(seed);
        var x = new double[n * 2];
        var y = new double[n];
        for (int i = 0; i < n; i++)
        {
            x[2 * i] = rng.NextDouble(); x[2 * i + 1] = rng.NextDouble();
            y[i] = Math.Sin(3 * x[2 * i]) * x[2 * i + 1];
        }
        return (x, y);
    }

    [Fact]
    public void Fits_a_smooth_function_far_below_its_variance()
    {
        var (x, y) = Data(400, 1);
        var net = new DenseNetwork([2, 32, 32, 1]);
        net.Initialize(WeightInit.He, new Random(2));
        double mean = y.Average(), variance = y.Select(v => (v - mean) * (v - mean)).Average();
        var report = RegressionTrainer.Train(net, new Adam(net.ParameterCount, 0.01), x, y, null, y.Length, null,
            new RegressionTrainingOptions { Epochs = 300, BatchSize = 32 }, new Random(3));
        Assert.True(report.FinalLoss < 0.02 * variance, $"final MSE {report.FinalLoss:E2} vs variance {variance:E2}");
        Assert.True(report.EpochLoss[0] > 5 * report.FinalLoss);
    }

    [Fact]
    public void Weighted_unique_samples_give_the_same_full_batch_step_as_repeated_samples()
    {
        // Two distinct inputs seen 3 and 1 times with targets (0.2, 0.4, 0.6) and 1.0: weight 3 with the mean 0.4
        // has the same gradient as the three copies, because Σ (f − y_i) = 3 (f − ȳ).
        double[] xRep = [0.1, 0.9, 0.1, 0.9, 0.1, 0.9, 0.7, 0.3], yRep = [0.2, 0.4, 0.6, 1.0];
        double[] xUni = [0.1, 0.9, 0.7, 0.3], yUni = [0.4, 1.0], wUni = [3, 1];
        var a = new DenseNetwork([2, 8, 1]);
        a.Initialize(WeightInit.He, new Random(5));
        var b = a.Clone();
        var options = new RegressionTrainingOptions { Epochs = 20, AnchorPenalty = 0.5 };
        var anchor = (double[])a.Parameters.Clone();
        RegressionTrainer.Train(a, new Adam(a.ParameterCount), xRep, yRep, null, 4, anchor, options, new Random(1));
        RegressionTrainer.Train(b, new Adam(b.ParameterCount), xUni, yUni, wUni, 2, anchor, options, new Random(1));
        for (int k = 0; k < a.ParameterCount; k++) Assert.Equal(a.Parameters[k], b.Parameters[k], 10);
    }

    [Fact]
    public void Two_threads_give_the_one_thread_result()
    {
        var (x, y) = Data(1000, 4);
        var a = new DenseNetwork([2, 16, 1]);
        a.Initialize(WeightInit.He, new Random(6));
        var b = a.Clone();
        var o = new RegressionTrainingOptions { Epochs = 5, ChunkSize = 100 };
        RegressionTrainer.Train(a, new Adam(a.ParameterCount), x, y, null, y.Length, null, o, new Random(1));
        RegressionTrainer.Train(b, new Adam(b.ParameterCount), x, y, null, y.Length, null, o with { Threads = 2 }, new Random(1));
        for (int k = 0; k < a.ParameterCount; k++) Assert.Equal(a.Parameters[k], b.Parameters[k], 9);
    }

    [Fact]
    public void Anchor_penalty_without_anchor_is_rejected()
    {
        var net = new DenseNetwork([2, 4, 1]);
        var e = Assert.Throws<ArgumentException>(() => RegressionTrainer.Train(net, new Adam(net.ParameterCount), new double[4], new double[2], null, 2, null,
            new RegressionTrainingOptions { AnchorPenalty = 1 }, new Random(1)));
        Assert.Contains("needs an anchor", e.Message);
    }
}

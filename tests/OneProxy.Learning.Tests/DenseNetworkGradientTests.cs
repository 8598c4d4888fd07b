using OneProxy.Learning;

namespace OneProxy.Learning.Tests;

/// <summary>Backward pass against central finite differences, for parameters and inputs, across network shapes.</summary>
public class DenseNetworkGradientTests
{
    public static TheoryData<int[], Activation, bool, double, int> Shapes => new()
    {
        { [3, 5, 1], Activation.Relu, true, 1.0, 1 },
        { [4, 7, 6, 2], Activation.Relu, true, 1.0, 3 },
        { [10, 8, 8, 8, 1], Activation.Relu, false, Math.Sqrt(8), 2 },
        { [5, 9, 3], Activation.Identity, true, 0.5, 4 },
        { [2, 1], Activation.Relu, true, 1.0, 17 },     // no hidden layer; batch over one SIMD block
        { [6, 12, 1], Activation.Relu, true, 1.0, 37 }, // batch with 4-vector blocks, single vectors and a scalar tail
    };

    /// <summary>Loss = Σ_s Σ_k c_sk · out_sk with fixed random c, so ∂loss/∂out = c.</summary>
    private static double Loss(DenseNetwork net, double[] x, int n, double[] c)
    {
        var ws = net.CreateWorkspace(n);
        var y = new double[n * net.OutputSize];
        net.Forward(x, n, ws, y);
        double s = 0;
        for (int k = 0; k < y.Length; k++) s += c[k] * y[k];
        return s;
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Parameter_and_input_gradients_match_finite_differences(int[] sizes, Activation act, bool bias, double scale, int n)
    {
        var rng = new Random(7);
        var net = new DenseNetwork(sizes, act, bias, scale);
        net.Initialize(WeightInit.He, rng);
        if (bias) for (int l = 0; l < net.LayerCount; l++) for (int o = 0; o < sizes[l + 1]; o++) net.Parameters[net.BiasOffset(l) + o] = 0.1 * rng.NextDouble();
        var x = Enumerable.Range(0, n * net.InputSize).Select(_ => rng.NextDouble() * 2 - 1).ToArray();
        var c = Enumerable.Range(0, n * net.OutputSize).Select(_ => rng.NextDouble() * 2 - 1).ToArray();

        var ws = net.CreateWorkspace(n);
        net.Forward(x, n, ws, new double[n * net.OutputSize]);
        var gParams = new double[net.ParameterCount];
        var gInputs = new double[x.Length];
        net.Backward(ws, c, gParams, gInputs);

        const double h = 1e-6;
        double worst = 0;
        for (int k = 0; k < net.ParameterCount; k++)
        {
            double keep = net.Parameters[k];
            net.Parameters[k] = keep + h; double up = Loss(net, x, n, c);
            net.Parameters[k] = keep - h; double down = Loss(net, x, n, c);
            net.Parameters[k] = keep;
            worst = Math.Max(worst, Math.Abs((up - down) / (2 * h) - gParams[k]) / Math.Max(1, Math.Abs(gParams[k])));
        }
        for (int k = 0; k < x.Length; k++)
        {
            double keep = x[k];
            x[k] = keep + h; double up = Loss(net, x, n, c);
            x[k] = keep - h; double down = Loss(net, x, n, c);
            x[k] = keep;
            worst = Math.Max(worst, Math.Abs((up - down) / (2 * h) - gInputs[k]) / Math.Max(1, Math.Abs(gInputs[k])));
        }
        Assert.True(worst < 1e-6, $"largest relative gradient error {worst:E2}");
    }

    [Fact]
    public void Parameter_gradient_accumulates_and_batch_equals_sum_of_single_samples()
    {
        var rng = new Random(3);
        var net = new DenseNetwork([4, 6, 1]);
        net.Initialize(WeightInit.He, rng);
        var x = Enumerable.Range(0, 3 * 4).Select(_ => rng.NextDouble()).ToArray();
        var ws = net.CreateWorkspace(3);
        net.Forward(x, 3, ws, new double[3]);
        var batch = new double[net.ParameterCount];
        net.Backward(ws, [1.0, 1.0, 1.0], batch, default);

        var single = new double[net.ParameterCount];
        var one = net.CreateWorkspace(1);
        for (int s = 0; s < 3; s++)
        {
            net.Forward(x.AsSpan(s * 4, 4), 1, one, new double[1]);
            net.Backward(one, [1.0], single, default); // adds to what is there
        }
        for (int k = 0; k < batch.Length; k++) Assert.Equal(single[k], batch[k], 12);
    }

    [Fact]
    public void Forward_matches_a_hand_computed_network()
    {
        // 2 -> 2 (ReLU) -> 1: W1 = [[1, -1], [2, 0.5]], b1 = [0, -1], W2 = [3, -2], b2 = 0.25, scale 2.
        var net = new DenseNetwork([2, 2, 1], Activation.Relu, true, 2.0);
        double[] p = [1, -1, 2, 0.5, 0, -1, 3, -2, 0.25];
        p.CopyTo(net.Parameters, 0);
        // x = (1, 3): z1 = (1 - 3, 2 + 1.5 - 1) = (-2, 2.5) -> relu (0, 2.5); out = 2 * (2.5 * (-2) + 0.25) = -9.5
        Assert.Equal(-9.5, net.Predict([1.0, 3.0])[0], 12);
    }

    [Fact]
    public void Symmetric_initialisation_starts_at_zero_on_a_doubled_input_only()
    {
        var rng = new Random(11);
        var net = new DenseNetwork([8, 16, 16, 16, 1], Activation.Relu, useBias: false, outputScale: 4);
        net.Initialize(WeightInit.NeuralUcbSymmetric, rng);
        double[] half = [0.1, 0.9, 0.4, 0.7];
        Assert.Equal(0.0, net.Predict([.. half, .. half])[0], 12);
        Assert.NotEqual(0.0, net.Predict([.. half, 0.5, 0.5, 0.5, 0.5])[0]);
        // the hidden-layer blocks have the stated variance 4/m (m = 16): sample variance of the drawn entries
        var w = net.Parameters.AsSpan(net.WeightOffset(1), 16 * 16).ToArray().Where(v => v != 0).ToArray();
        Assert.Equal(128, w.Length); // two copies of an 8 x 8 block
        double var = w.Select(v => v * v).Average();
        Assert.InRange(var, 0.25 * 0.6, 0.25 * 1.4);
    }

    [Fact]
    public void Bad_shapes_are_rejected_with_the_sizes_in_the_message()
    {
        Assert.Contains("layer size 1 is 0", Assert.Throws<ArgumentException>(() => new DenseNetwork([3, 0, 1])).Message);
        var net = new DenseNetwork([3, 4, 1]);
        var ws = net.CreateWorkspace(2);
        Assert.Contains("6 input values, got 5", Assert.Throws<ArgumentException>(() => net.Forward(new double[5], 2, ws, new double[2])).Message);
        Assert.Throws<InvalidOperationException>(() => net.Backward(ws, [1.0], new double[net.ParameterCount], default));
        var odd = new DenseNetwork([3, 4, 1]);
        Assert.Contains("even", Assert.Throws<ArgumentException>(() => odd.Initialize(WeightInit.NeuralUcbSymmetric, new Random(1))).Message);
        Assert.Throws<ArgumentException>(() => new DenseNetwork([4, 4, 1]).Forward(new double[4], 1, ws, new double[1]));
    }
}

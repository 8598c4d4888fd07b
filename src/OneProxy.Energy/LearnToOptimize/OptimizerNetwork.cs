using OneProxy.Energy.Gradient;
using OneProxy.Learning;

namespace OneProxy.Energy.LearnToOptimize;

/// <summary>
/// The optimizer network x̂_Θ(d, λ) of Eq. (1.9)/(1.10): a <see cref="DenseNetwork"/> from
/// [device features ‖ λ features] to one logit per (gene, choice). A per-gene softmax of the logits
/// is the soft one-hot design fed to the frozen networks; the discrete design is the argmax per
/// gene (the "decoder"). One forward pass per new device and λ: no search.
/// </summary>
public sealed class OptimizerNetwork
{
    public OptimizerNetwork(OneHotLayout layout, DenseNetwork network, int deviceFeatures, int metrics, LambdaRange lambda)
    {
        Layout = layout ?? throw new ArgumentNullException(nameof(layout));
        Network = network ?? throw new ArgumentNullException(nameof(network));
        Lambda = (lambda ?? throw new ArgumentNullException(nameof(lambda))).Validated();
        if (metrics is < 1 or > 2) throw new ArgumentException($"one or two metrics, got {metrics}");
        if (network.InputSize != deviceFeatures + metrics || network.OutputSize != layout.FeatureCount - 1)
            throw new ArgumentException($"network maps {network.InputSize} -> {network.OutputSize}; expected {deviceFeatures} + {metrics} -> {layout.FeatureCount - 1}");
        DeviceFeatures = deviceFeatures;
        Metrics = metrics;
    }

    public OneHotLayout Layout { get; }
    public DenseNetwork Network { get; }
    public int DeviceFeatures { get; }
    public int Metrics { get; }
    public LambdaRange Lambda { get; }
    public int InputSize => DeviceFeatures + Metrics;
    public int LogitCount => Layout.FeatureCount - 1;

    public static OptimizerNetwork Create(OneHotLayout layout, int deviceFeatures, int metrics, LambdaRange lambda, IReadOnlyList<int> hidden, Random rng)
    {
        var net = new DenseNetwork([deviceFeatures + metrics, .. hidden, layout.FeatureCount - 1]);
        net.Initialize(WeightInit.He, rng);
        return new OptimizerNetwork(layout, net, deviceFeatures, metrics, lambda);
    }

    /// <summary>Writes the network input [d ‖ λ features] for one (device, λ).</summary>
    public void Input(ReadOnlySpan<double> device, ReadOnlySpan<double> lambda, Span<double> input)
    {
        if (device.Length != DeviceFeatures) throw new ArgumentException($"device has {device.Length} features, the optimizer takes {DeviceFeatures}");
        if (lambda.Length != Metrics) throw new ArgumentException($"{lambda.Length} trade-off weights, the optimizer takes {Metrics}");
        device.CopyTo(input);
        for (int k = 0; k < Metrics; k++) input[DeviceFeatures + k] = Lambda.Feature(lambda[k]);
    }

    /// <summary>The discrete design for a device and λ (one forward pass and an argmax per gene).</summary>
    public int[] Design(ReadOnlySpan<double> device, ReadOnlySpan<double> lambda, NetworkWorkspace? workspace = null)
    {
        Span<double> input = stackalloc double[InputSize];
        Input(device, lambda, input);
        var logits = new double[LogitCount];
        Network.Forward(input, 1, workspace ?? Network.CreateWorkspace(1), logits);
        return GeneSoftmax.Decode(Layout, logits);
    }
}

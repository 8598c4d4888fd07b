using OneProxy.Learning;

namespace OneProxy.Energy.LearnToOptimize;

/// <summary>
/// A performance network of Eq. (1.8): a <see cref="DenseNetwork"/> on [one-hot design ‖ device
/// features] (no device part for the device-independent accuracy network). Its output z is
/// de-standardised, z = mean + std · net(input): accuracy in percent, or for a cost the log value
/// relative to the device's log offset (ln latency − offset), so one network covers devices whose
/// latencies differ by orders of magnitude (the spec's item 1 on units).
/// </summary>
public sealed class PerformanceNetwork
{
    public PerformanceNetwork(string metric, DenseNetwork network, int archFeatures, int deviceFeatures, double targetMean, double targetStd)
    {
        Metric = metric ?? throw new ArgumentNullException(nameof(metric));
        Network = network ?? throw new ArgumentNullException(nameof(network));
        if (network.InputSize != archFeatures + deviceFeatures || network.OutputSize != 1)
            throw new ArgumentException($"network maps {network.InputSize} -> {network.OutputSize}; expected {archFeatures} + {deviceFeatures} -> 1");
        if (!(targetStd > 0) || !double.IsFinite(targetMean)) throw new ArgumentException($"target standardisation ({targetMean}, {targetStd}) is not usable");
        ArchFeatures = archFeatures;
        DeviceFeatures = deviceFeatures;
        TargetMean = targetMean;
        TargetStd = targetStd;
    }

    public string Metric { get; }
    public DenseNetwork Network { get; }
    public int ArchFeatures { get; }
    public int DeviceFeatures { get; }
    public int InputSize => ArchFeatures + DeviceFeatures;
    public double TargetMean { get; private set; }
    public double TargetStd { get; private set; }

    /// <summary>A fresh He-initialised network [arch ‖ device] → hidden → 1.</summary>
    public static PerformanceNetwork Create(string metric, int archFeatures, int deviceFeatures, IReadOnlyList<int> hidden, Random rng)
    {
        var net = new DenseNetwork([archFeatures + deviceFeatures, .. hidden, 1]);
        net.Initialize(WeightInit.He, rng);
        return new PerformanceNetwork(metric, net, archFeatures, deviceFeatures, 0, 1);
    }

    /// <summary>
    /// Fits by Adam on the squared error of standardised targets (<paramref name="inputs"/>: count rows of
    /// InputSize). The standardisation is fixed at the first fit (<paramref name="firstFit"/>), so a
    /// warm-started refit on more data (Algorithm 2's next round) keeps the output's meaning.
    /// </summary>
    public RegressionTrainingReport Fit(double[] inputs, double[] targets, int count, Adam optimizer, bool firstFit,
        RegressionTrainingOptions options, Random rng, CancellationToken ct)
    {
        if (count < 2) throw new ArgumentException($"need at least 2 samples, got {count}");
        if (firstFit)
        {
            double mean = 0;
            for (int i = 0; i < count; i++) mean += targets[i];
            mean /= count;
            double var = 0;
            for (int i = 0; i < count; i++) var += (targets[i] - mean) * (targets[i] - mean);
            TargetMean = mean;
            TargetStd = Math.Max(Math.Sqrt(var / count), 1e-9);
        }
        var scaled = new double[count];
        for (int i = 0; i < count; i++) scaled[i] = (targets[i] - TargetMean) / TargetStd;
        var report = RegressionTrainer.Train(Network, optimizer, inputs, scaled, null, count, null, options, rng, ct);
        // The trainer's loss is in standardised units; report it in the target's units.
        return report with { EpochLoss = report.EpochLoss.Select(l => l * TargetStd * TargetStd).ToArray() };
    }

    /// <summary>z for <paramref name="count"/> input rows (keeps activations in <paramref name="workspace"/> for <see cref="Backward"/>).</summary>
    public void Forward(ReadOnlySpan<double> inputs, int count, NetworkWorkspace workspace, Span<double> z)
    {
        Network.Forward(inputs, count, workspace, z);
        for (int i = 0; i < count; i++) z[i] = TargetMean + TargetStd * z[i];
    }

    /// <summary>d loss / d input per row, from d loss / d z per row, for the batch of the last <see cref="Forward"/>.</summary>
    public void Backward(NetworkWorkspace workspace, ReadOnlySpan<double> dz, Span<double> dInputs)
    {
        var scaled = new double[workspace.Capacity];
        for (int i = 0; i < dz.Length && i < scaled.Length; i++) scaled[i] = dz[i] * TargetStd;
        Network.Backward(workspace, scaled, default, dInputs);
    }

    /// <summary>z of every pool design on one device (device features may be empty for the accuracy network).</summary>
    public double[] PredictPool(L2oPool pool, ReadOnlySpan<double> device)
    {
        if (pool.FeatureCount != ArchFeatures) throw new ArgumentException($"pool has {pool.FeatureCount} features, the network {ArchFeatures}");
        if (device.Length != DeviceFeatures) throw new ArgumentException($"device has {device.Length} features, the network {DeviceFeatures}");
        const int chunk = 512;
        var ws = Network.CreateWorkspace(chunk);
        var input = new double[chunk * InputSize];
        var z = new double[pool.Count];
        for (int s = 0; s < pool.Count; s += chunk)
        {
            int n = Math.Min(chunk, pool.Count - s);
            for (int j = 0; j < n; j++)
            {
                pool.Features.AsSpan((s + j) * ArchFeatures, ArchFeatures).CopyTo(input.AsSpan(j * InputSize));
                device.CopyTo(input.AsSpan(j * InputSize + ArchFeatures));
            }
            Forward(input, n, ws, z.AsSpan(s, n));
        }
        return z;
    }
}

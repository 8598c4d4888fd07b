using OneProxy.Accelerators;

namespace OneProxy.Energy.LearnToOptimize;

/// <summary>
/// Device feature vectors d of Eq. (1.8). Accelerators: their hardware parameters. Measured
/// devices (whose specifications the datasets do not give): a latency signature, the spec's
/// suggestion 7 (a documented deviation from the thesis's CPU/RAM/GPU/OS features).
/// </summary>
public static class DeviceFeatures
{
    /// <summary>Names of <see cref="Accelerator"/>'s entries.</summary>
    public static readonly IReadOnlyList<string> AcceleratorNames =
        ["dataflow=KC-P", "dataflow=YR-P", "dataflow=X-P", "log2_pes", "log2_noc_bw", "log2_offchip_bw", "log2_l1", "log2_l2"];

    /// <summary>
    /// Dataflow one-hot (KC-P, YR-P, X-P), then log2 of PEs, NoC bandwidth, off-chip bandwidth, L1 and
    /// L2 size, each centred and scaled to about [-1, 1] over the thesis's design grid
    /// (PEs 16-512, NoC 100-1,000, off-chip 50-500, L1 100, L2 3,000; L1/L2 do not change MAESTRO's
    /// cycles or energy, they are kept because the thesis lists them as hardware parameters).
    /// </summary>
    public static double[] Accelerator(AcceleratorConfig c)
    {
        ArgumentNullException.ThrowIfNull(c);
        static double Scaled(double v, double lo, double hi) => (2 * Math.Log2(v) - Math.Log2(lo) - Math.Log2(hi)) / (Math.Log2(hi) - Math.Log2(lo));
        return [c.Dataflow == Dataflow.KcP ? 1 : 0, c.Dataflow == Dataflow.YrP ? 1 : 0, c.Dataflow == Dataflow.XP ? 1 : 0,
            Scaled(c.NumPes, 16, 512), Scaled(c.NocBandwidth, 100, 1000), Scaled(c.OffchipBandwidth, 50, 500),
            Scaled(c.L1Size, 50, 200), Scaled(c.L2Size, 1500, 6000)];
    }

    /// <summary>Names of <see cref="Signature"/>'s entries for k reference architectures.</summary>
    public static IReadOnlyList<string> SignatureNames(int k) => [.. Enumerable.Range(0, k).Select(j => $"ref{j}_rel_log_latency"), "mean_log_latency"];

    /// <summary>
    /// The signature of a measured device from its latencies of k fixed reference architectures
    /// (k measurements: the O(1) per-device cost): the centred log latencies
    /// ln l_j − mean_j ln l_j (the device's shape, scale-free), then the mean log latency itself,
    /// divided by 4 so it stays in about [−1, 1] for latencies from 0.1 ms to 1 s. The mean is also
    /// returned as the log offset of latency predictions.
    /// </summary>
    public static (double[] Features, double LogOffset) Signature(IReadOnlyList<double> referenceLatencies)
    {
        ArgumentNullException.ThrowIfNull(referenceLatencies);
        if (referenceLatencies.Count < 2) throw new ArgumentException($"a signature needs at least 2 reference latencies, got {referenceLatencies.Count}");
        for (int j = 0; j < referenceLatencies.Count; j++)
            if (!(referenceLatencies[j] > 0) || !double.IsFinite(referenceLatencies[j]))
                throw new UnusableDataException($"reference architecture {j} has latency {referenceLatencies[j]}; a signature needs positive, finite latencies");
        var logs = referenceLatencies.Select(v => Math.Log(v)).ToArray();
        double mean = logs.Average();
        return ([.. logs.Select(v => v - mean), mean / 4], mean);
    }
}

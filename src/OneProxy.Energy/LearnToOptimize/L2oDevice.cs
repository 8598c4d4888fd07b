namespace OneProxy.Energy.LearnToOptimize;

/// <summary>Where a device's features came from.</summary>
public enum DeviceKind
{
    /// <summary>An accelerator configuration: its hardware parameters (<see cref="DeviceFeatures.Accelerator"/>); costs from the cost model.</summary>
    Accelerator,

    /// <summary>A measured device: a latency signature of reference architectures (<see cref="DeviceFeatures.Signature"/>).</summary>
    Measured,

    /// <summary>A convex combination of two training devices' features (D_S of Algorithm 2): no measurements, only the frozen networks.</summary>
    Synthetic,
}

/// <summary>
/// A device as the learned optimizer sees it: a name, its feature vector d, and per metric the
/// log offset that the performance networks' output is relative to (the mean log latency of the
/// signature's reference architectures for a measured device, 0 for an accelerator), so absolute
/// values are exp(output + offset).
/// </summary>
public sealed record L2oDevice(string Name, DeviceKind Kind, double[] Features, double[] LogOffsets)
{
    /// <summary>The device between <paramref name="a"/> and <paramref name="b"/>: w a + (1 - w) b, features and offsets alike.</summary>
    public static L2oDevice Mix(string name, L2oDevice a, L2oDevice b, double w)
    {
        if (a.Features.Length != b.Features.Length || a.LogOffsets.Length != b.LogOffsets.Length)
            throw new ArgumentException($"devices '{a.Name}' and '{b.Name}' have different feature sizes ({a.Features.Length}, {b.Features.Length})");
        if (!(w is >= 0 and <= 1)) throw new ArgumentOutOfRangeException(nameof(w), $"mixing weight must be in [0, 1], got {w}");
        return new L2oDevice(name, DeviceKind.Synthetic,
            a.Features.Zip(b.Features, (x, y) => w * x + (1 - w) * y).ToArray(),
            a.LogOffsets.Zip(b.LogOffsets, (x, y) => w * x + (1 - w) * y).ToArray());
    }
}

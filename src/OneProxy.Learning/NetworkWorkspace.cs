namespace OneProxy.Learning;

/// <summary>
/// Per-thread buffers of a <see cref="DenseNetwork"/>'s forward and backward passes for batches of up to
/// <see cref="Capacity"/> samples. Activations are stored feature-major (one row per unit, one column per sample)
/// so the inner loops run over contiguous samples with SIMD.
/// </summary>
public sealed class NetworkWorkspace
{
    private readonly int[] _sizes;

    internal NetworkWorkspace(int[] sizes, int capacity)
    {
        if (capacity < 1) throw new ArgumentOutOfRangeException(nameof(capacity), $"capacity must be >= 1, got {capacity}");
        _sizes = sizes;
        Capacity = capacity;
        Activations = sizes.Select(s => new double[(long)s * capacity]).ToArray();
        int widest = sizes.Max();
        DeltaA = new double[(long)widest * capacity];
        DeltaB = new double[(long)widest * capacity];
    }

    /// <summary>The largest batch this workspace holds.</summary>
    public int Capacity { get; }

    internal double[][] Activations { get; }
    internal double[] DeltaA { get; }
    internal double[] DeltaB { get; }
    internal int Count { get; set; }
    internal bool Valid { get; set; }

    internal void CheckShape(int[] sizes)
    {
        if (!sizes.AsSpan().SequenceEqual(_sizes))
            throw new ArgumentException($"workspace made for layers [{string.Join(",", _sizes)}] used with [{string.Join(",", sizes)}]");
    }
}

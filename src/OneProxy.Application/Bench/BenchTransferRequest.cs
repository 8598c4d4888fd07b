using OneProxy.Transfer;

namespace OneProxy.Application.Bench;

/// <summary><c>oneproxy bench transfer</c>: Algorithm 5 on every recorded target, repetitions 0..Seeds-1.</summary>
public sealed record BenchTransferRequest
{
    /// <summary>With <see cref="LatencyInput.WithFlops"/> the cost columns join the library only: they are not devices to transfer to.</summary>
    public LatencyInput Latency { get; init; } = new();
    public AccuracyInput Accuracy { get; init; } = new();
    public string Proxy { get; init; } = "pixel3";
    /// <summary>Null or empty: every recorded column but the proxy.</summary>
    public IReadOnlyList<string>? Targets { get; init; }
    public TransferOptions Options { get; init; } = new();
    public int Seeds { get; init; } = 5;
    public int PerDeviceSamples { get; init; } = 1000;

    public BenchTransferRequest Validate()
    {
        Require.AtLeast(Seeds, 1, "seeds");
        Require.AtLeast(PerDeviceSamples, 2, "per-device-samples");
        Require.That(Targets is null || !Targets.Contains(Proxy), "targets", $"the proxy '{Proxy}' cannot be a target");
        Options.Validate();
        return this;
    }
}

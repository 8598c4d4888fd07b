using OneProxy.Transfer;

namespace OneProxy.Application.Transfer;

/// <summary>Algorithm 5 for one recorded target: what <c>oneproxy transfer</c> binds, and a service will.</summary>
public sealed record TransferRequest
{
    public LatencyInput Latency { get; init; } = new();
    public AccuracyInput Accuracy { get; init; } = new();
    public string Proxy { get; init; } = "pixel3";
    public string Target { get; init; } = "";
    /// <summary>Library device columns; null or empty: every column but the target and the proxy.</summary>
    public IReadOnlyList<string>? Library { get; init; }
    public TransferOptions Options { get; init; } = new();
    public int Seed { get; init; }

    public TransferRequest Validate()
    {
        Require.That(Target.Length > 0, "target", "name the target device column");
        Require.That(Target != Proxy, "target", $"'{Target}' is the proxy");
        Require.That(Library is null || !Library.Contains(Target), "library", $"the target '{Target}' must not be in the library");
        Options.Validate();
        return this;
    }
}

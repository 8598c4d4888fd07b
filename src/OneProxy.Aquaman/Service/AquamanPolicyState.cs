using OneProxy.Aquaman.Policies;
using OneProxy.Learning;

namespace OneProxy.Aquaman.Service;

/// <summary>A decision still waiting for its feedback.</summary>
public sealed record PendingDecision(long Id, string DeviceId, string Model, double[] Context);

/// <summary>One merged history row: scaled context, QoE sum, number of feedbacks.</summary>
public sealed record HistoryRow(double[] Context, double QoeSum, double Count);

/// <summary>
/// Everything <see cref="AquamanPolicy"/> needs to continue exactly where it stopped (JSON via System.Text.Json;
/// the large arrays — parameters and Z — as base64 bytes of little-endian doubles).
/// </summary>
public sealed record AquamanPolicyState
{
    public const int CurrentVersion = 1;
    public int Version { get; init; } = CurrentVersion;
    public required ModelCatalog Catalog { get; init; }
    public required NeuralBanditOptions Options { get; init; }
    public required int MaxPending { get; init; }
    public required long NextDecisionId { get; init; }
    public required byte[] Parameters { get; init; }
    public required byte[] InitialParameters { get; init; }
    public required AdamState Adam { get; init; }
    public required byte[] Z { get; init; }
    public required long ZUpdates { get; init; }
    public required IReadOnlyList<HistoryRow> History { get; init; }
    public required IReadOnlyList<PendingDecision> Pending { get; init; }
    public required int SinceRetrain { get; init; }
    public required IReadOnlyList<double> TrainingLosses { get; init; }
    public required ulong RandomState { get; init; }

    internal static byte[] Bytes(ReadOnlySpan<double> v) => System.Runtime.InteropServices.MemoryMarshal.AsBytes(v).ToArray();

    internal static double[] Doubles(byte[] b, string what)
    {
        if (b.Length % 8 != 0) throw new ArgumentException($"policy state: {what} has {b.Length} bytes, not whole doubles");
        return System.Runtime.InteropServices.MemoryMarshal.Cast<byte, double>(b).ToArray();
    }
}

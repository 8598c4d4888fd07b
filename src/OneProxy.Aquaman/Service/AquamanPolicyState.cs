using OneProxy.Aquaman.Policies;
using OneProxy.Learning;

namespace OneProxy.Aquaman.Service;

/// <summary>A decision still waiting for its feedback.</summary>
public sealed record PendingDecision(long Id, string DeviceId, string Model, double[] Context);

/// <summary>One merged history row: scaled context, QoE sum, number of feedbacks.</summary>
public sealed record HistoryRow(double[] Context, double QoeSum, double Count);

/// <summary>aquaman-nlaug: one merged (model, context) row of the per-model ridge head.</summary>
public sealed record RidgeRow(int Model, double[] Context, double Count, double QoeSum);

/// <summary>
/// Everything <see cref="AquamanPolicy"/> needs to continue exactly where it stopped (JSON via System.Text.Json;
/// the large arrays — parameters and Z — as base64 bytes of little-endian doubles).
/// </summary>
public sealed record AquamanPolicyState
{
    /// <summary>2 added the exploration kind and aquaman-nlaug's ridge head; a version-1 state is the thesis policy.</summary>
    public const int CurrentVersion = 2;
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
    public HostedExploration Exploration { get; init; } = HostedExploration.Thesis;
    public IReadOnlyList<RidgeRow>? RidgeRows { get; init; }
    public byte[]? Ridge { get; init; }

    internal static byte[] Bytes(ReadOnlySpan<double> v) => System.Runtime.InteropServices.MemoryMarshal.AsBytes(v).ToArray();

    internal static double[] Doubles(byte[] b, string what)
    {
        if (b.Length % 8 != 0) throw new ArgumentException($"policy state: {what} has {b.Length} bytes, not whole doubles");
        return System.Runtime.InteropServices.MemoryMarshal.Cast<byte, double>(b).ToArray();
    }
}

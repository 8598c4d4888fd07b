using OneProxy.Accuracy;

namespace OneProxy.Application;

/// <summary>A latency table and the accuracy table searched with it, loaded together (transfer, constrain, bench transfer).</summary>
public sealed record SearchInputs(LoadedLatency Latency, TableAccuracy Accuracy, List<string> Notes)
{
    public static SearchInputs Load(LatencyInput latency, AccuracyInput accuracy)
    {
        var loaded = latency.Load();
        var (acc, note) = accuracy.Load(loaded.Space);
        return new SearchInputs(loaded, acc, [.. loaded.Notes, note]);
    }
}

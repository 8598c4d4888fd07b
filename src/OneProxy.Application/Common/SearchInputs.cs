using OneProxy.Accuracy;

namespace OneProxy.Application;

/// <summary>A latency table and the accuracies (a table, or a predictor) searched with it, loaded together (transfer, constrain, bench transfer).</summary>
public sealed record SearchInputs(LoadedLatency Latency, IAccuracySource Accuracy, List<string> Notes)
{
    public static SearchInputs Load(LatencyInput latency, AccuracyInput accuracy)
    {
        var loaded = latency.Load();
        var (acc, note) = accuracy.LoadSource(loaded.Space);
        return new SearchInputs(loaded, acc, [.. loaded.Notes, note]);
    }
}

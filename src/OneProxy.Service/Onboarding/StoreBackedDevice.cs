using OneProxy.SearchSpaces;
using OneProxy.Storage;

namespace OneProxy.Service.Onboarding;

/// <summary>
/// A device measured by agents through the store. MeasureMs queues a job (with the batch the
/// caller announced), then blocks this pipeline thread until the result is in the store: pushed
/// by <see cref="ResultSignals"/> when this replica accepted it, else found by polling. Results
/// already stored (a pipeline resumed after a restart) return at once, so a replay measures
/// nothing twice. Cancelled when the replica stops or loses the device's planner lease.
/// </summary>
public sealed class StoreBackedDevice(OnboardingStore store, string name, ISearchSpace space, ResultSignals.Mailbox mailbox,
    TimeSpan poll, CancellationToken ct) : IQueuedDevice
{
    private Dictionary<string, double>? _known;
    private readonly HashSet<string> _queued = new(StringComparer.Ordinal);
    private int _measurements;

    public string Name => name;
    public int Measurements => _measurements;
    public Func<Architecture, IReadOnlyList<Architecture>>? BatchOnMiss { get; set; }

    /// <summary>Jobs this pipeline queued (not counting results it found stored).</summary>
    public int Queued => _queued.Count;

    public double MeasureMs(Architecture architecture)
    {
        _known ??= Load();
        _measurements++;
        string text = space.Format(architecture);
        if (_known.TryGetValue(text, out var v)) return v;
        if (!_queued.Contains(text))
        {
            var batch = (BatchOnMiss?.Invoke(architecture) ?? [architecture]).Select(space.Format).Append(text)
                .Where(t => !_known.ContainsKey(t) && _queued.Add(t)).Distinct().ToArray();
            store.EnqueueAsync(name, batch, ct).GetAwaiter().GetResult();
        }
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            var arrived = mailbox.Take(poll, ct);
            if (arrived.Count > 0) foreach (var (a, ms) in arrived) _known[a] = ms;
            else _known = Load();
            if (_known.TryGetValue(text, out v)) return v;
        }
    }

    private Dictionary<string, double> Load()
    {
        var d = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var r in store.ResultsAsync(name, ct).GetAwaiter().GetResult()) d[r.Architecture] = r.MedianMs;
        return d;
    }
}

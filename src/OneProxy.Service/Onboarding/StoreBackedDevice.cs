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
/// The pipeline holds a slot of <paramref name="compute"/> while it computes and gives it back while
/// it waits, so at most that many pipelines compute at once and the API keeps a core.
public sealed class StoreBackedDevice(OnboardingStore store, string name, ISearchSpace space, ResultSignals.Mailbox mailbox,
    TimeSpan poll, SemaphoreSlim compute, CancellationToken ct, WorkSignal? work = null) : IQueuedDevice
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
            work?.Pulse(name);
        }
        compute.Release();
        try
        {
            while (true)
            {
                ct.ThrowIfCancellationRequested();
                var arrived = mailbox.Take(poll, ct);
                foreach (var (a, ms) in arrived) _known[a] = ms;
                if (_known.TryGetValue(text, out v)) return v;
                // Nothing for us pushed by this replica: another replica may have stored it.
                if (arrived.Count == 0 && store.ResultAsync(name, text, ct).GetAwaiter().GetResult() is double stored) return _known[text] = stored;
            }
        }
        finally
        {
            compute.Wait(CancellationToken.None);
        }
    }

    public bool TryKnown(Architecture architecture, out double ms)
    {
        _known ??= Load();
        if (_known.TryGetValue(space.Format(architecture), out ms)) return true;
        // Results this replica accepted meanwhile are in the mailbox: take them without waiting.
        foreach (var (a, v) in mailbox.Take(TimeSpan.Zero, ct)) _known[a] = v;
        return _known.TryGetValue(space.Format(architecture), out ms);
    }

    public void Queue(IReadOnlyList<Architecture> architectures)
    {
        _known ??= Load();
        var batch = architectures.Select(space.Format).Where(t => !_known.ContainsKey(t) && _queued.Add(t)).Distinct().ToArray();
        if (batch.Length == 0) return;
        store.EnqueueAsync(name, batch, ct).GetAwaiter().GetResult();
        work?.Pulse(name);
    }

    private Dictionary<string, double> Load()
    {
        var d = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var r in store.ResultsAsync(name, ct).GetAwaiter().GetResult()) d[r.Architecture] = r.MedianMs;
        return d;
    }
}

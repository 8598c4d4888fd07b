using System.Collections.Concurrent;

namespace OneProxy.Service.Onboarding;

/// <summary>
/// Pulsed with a device's name whenever jobs of that device are queued (by this replica's
/// pipelines, or by another replica's, announced over PostgreSQL's LISTEN/NOTIFY), so an agent's
/// lease request that found nothing waits on the server (long poll) and is woken only for jobs of
/// the devices its key serves. Before, every queued round woke every waiting agent, and each
/// re-ran the lease query: 29,224 lease queries for 49,796 jobs. Expired leases are found when a
/// waiting request re-checks at the end of its slice.
/// </summary>
public sealed class WorkSignal
{
    private readonly ConcurrentDictionary<Subscription, byte> _subscribers = new();

    public void Pulse(string device)
    {
        foreach (var s in _subscribers.Keys)
            if (s.Devices.Contains(device)) s.Wake();
    }

    /// <summary>Starts listening for jobs of <paramref name="devices"/>; subscribe before looking for work, so a pulse in between is not missed.</summary>
    public Subscription Subscribe(IReadOnlySet<string> devices)
    {
        var s = new Subscription(this, devices);
        _subscribers.TryAdd(s, 0);
        return s;
    }

    public sealed class Subscription : IDisposable
    {
        private readonly WorkSignal _owner;
        private TaskCompletionSource _pulse = new(TaskCreationOptions.RunContinuationsAsynchronously);

        internal Subscription(WorkSignal owner, IReadOnlySet<string> devices) { _owner = owner; Devices = devices; }

        internal IReadOnlySet<string> Devices { get; }

        internal void Wake() => Volatile.Read(ref _pulse).TrySetResult();

        /// <summary>Returns at the first pulse since the last return (at once if one came meanwhile) or after <paramref name="timeout"/>.</summary>
        public async Task WaitAsync(TimeSpan timeout, CancellationToken ct)
        {
            var pulse = Volatile.Read(ref _pulse).Task;
            if (!pulse.IsCompleted)
            {
                using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
                await Task.WhenAny(pulse, Task.Delay(timeout, cts.Token));
                await cts.CancelAsync();
            }
            // Consumed: the caller looks for work next, so a pulse racing with this exchange is covered by that look.
            if (pulse.IsCompleted) Interlocked.Exchange(ref _pulse, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            ct.ThrowIfCancellationRequested();
        }

        public void Dispose() => _owner._subscribers.TryRemove(this, out _);
    }
}

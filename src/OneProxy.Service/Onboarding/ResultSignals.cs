using System.Collections.Concurrent;

namespace OneProxy.Service.Onboarding;

/// <summary>
/// Hands results accepted by this replica straight to the device's waiting pipeline, so it does
/// not wait for its next poll of the store. Results accepted by another replica arrive by polling.
/// </summary>
public sealed class ResultSignals
{
    private readonly ConcurrentDictionary<string, Mailbox> _boxes = new(StringComparer.Ordinal);

    public sealed class Mailbox : IDisposable
    {
        internal readonly ConcurrentQueue<(string Arch, double Ms)> Queue = new();
        internal readonly SemaphoreSlim Ready = new(0);
        private readonly Action _remove;

        internal Mailbox(Action remove) => _remove = remove;

        /// <summary>Waits up to <paramref name="timeout"/> for results; returns what arrived (possibly nothing).</summary>
        public List<(string Arch, double Ms)> Take(TimeSpan timeout, CancellationToken ct)
        {
            Ready.Wait(timeout, ct);
            var list = new List<(string, double)>();
            while (Queue.TryDequeue(out var r)) list.Add(r);
            return list;
        }

        public void Dispose()
        {
            _remove();
            Ready.Dispose();
        }
    }

    public Mailbox Subscribe(string device)
    {
        Mailbox? box = null;
        // Removes only this mailbox: a pipeline restarted for the same device (lease lost, then claimed again) may have
        // subscribed anew before the old one is disposed, and must keep receiving its results.
        box = new Mailbox(() => _boxes.TryRemove(KeyValuePair.Create(device, box!)));
        _boxes[device] = box;
        return box;
    }

    public void Publish(string device, string arch, double ms)
    {
        if (!_boxes.TryGetValue(device, out var box)) return;
        box.Queue.Enqueue((arch, ms));
        try { box.Ready.Release(); }
        catch (ObjectDisposedException) { /* the pipeline finished between lookup and release: nobody waits */ }
    }
}

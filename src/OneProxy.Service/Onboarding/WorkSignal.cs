namespace OneProxy.Service.Onboarding;

/// <summary>
/// Pulsed whenever this replica queues jobs, so agents' lease requests that found nothing can wait
/// on the server (long poll) instead of polling over HTTP: an idle agent costs one request per
/// wait instead of one per poll interval. Jobs queued by another replica, and expired leases, are
/// found when the waiting request re-checks at the end of its slice.
/// </summary>
public sealed class WorkSignal
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Pulse() => Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    /// <summary>Returns when the next pulse comes or after <paramref name="timeout"/>, whichever is first.</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken ct)
    {
        var pulse = Volatile.Read(ref _next).Task;
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var delay = Task.Delay(timeout, cts.Token);
        await Task.WhenAny(pulse, delay);
        await cts.CancelAsync();
        ct.ThrowIfCancellationRequested();
    }
}

using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OneProxy.Storage;

namespace OneProxy.Service.Onboarding;

/// <summary>
/// Runs onboarding pipelines for the devices this replica holds a planner lease on. Replicas
/// coordinate only through the store: each claims devices whose lease ran out, renews its own,
/// and a pipeline whose lease was lost is cancelled (another replica replays it from the stored
/// results). Pipelines run on dedicated threads because they block while agents measure.
/// On shutdown pipelines are cancelled and their leases given back so a survivor takes them at once.
/// </summary>
public sealed class PlannerHost(OnboardingStore store, IReadOnlyDictionary<string, OnboardingContext> contexts, ResultSignals signals,
    WorkSignal work, ServiceOptions options, ILogger<PlannerHost> log) : BackgroundService
{
    private readonly ConcurrentDictionary<string, (Task Task, CancellationTokenSource Cts)> _running = new(StringComparer.Ordinal);
    private long _onboarded, _failed;
    private readonly SemaphoreSlim _compute = new(options.ComputeSlots, options.ComputeSlots);

    public string Owner { get; } = options.ReplicaId;
    public int Running => _running.Count;
    public long Onboarded => Interlocked.Read(ref _onboarded);
    public long Failed => Interlocked.Read(ref _failed);

    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        var renewEvery = TimeSpan.FromMilliseconds(options.PlannerLeaseMs / 3.0);
        var lastRenew = DateTime.UtcNow;
        try
        {
            while (!stop.IsCancellationRequested)
            {
                try { await Tick(); }
                catch (System.Data.Common.DbException e)
                {
                    // The database is briefly unreachable or overloaded: a fault outside this process. Log and try on the next tick;
                    // leases not renewed meanwhile run out and the devices move to a replica that can reach the store.
                    log.LogWarning("planner tick failed: {Message}", e.Message);
                }
                await Task.Delay(options.PlannerTickMs, stop);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // shutting down: fall through to the drain
        }
        foreach (var run in _running.Values) Stop(run);
        await Task.WhenAll(_running.Values.Select(r => r.Task));
        await store.ReleasePlanningAsync(Owner, CancellationToken.None);

        async Task Tick()
        {
                if (DateTime.UtcNow - lastRenew >= renewEvery)
                {
                    lastRenew = DateTime.UtcNow;
                    var held = (await store.RenewPlanningAsync(Owner, options.PlannerLeaseMs, stop)).ToHashSet(StringComparer.Ordinal);
                    foreach (var (name, run) in _running)
                        // A pipeline that just finished has given its device up (not renewed) but may not be removed yet.
                        if (!held.Contains(name) && !run.Task.IsCompleted)
                        {
                            log.LogWarning("planner lease on {Device} lost; cancelling its pipeline", name);
                            Stop(run);
                        }
                }
                int free = options.Pipelines - _running.Count;
                if (free > 0)
                    foreach (var name in await store.ClaimPlanningAsync(Owner, options.PlannerLeaseMs, free, stop))
                        Start(name, stop);
        }
    }

    /// <summary>
    /// Cancels a pipeline unless it has finished. Its token source is disposed when it finishes, which can
    /// happen between the check and the cancel: that ObjectDisposedException escaped the planner loop before,
    /// failed this BackgroundService and so stopped the whole replica (seen late in 2-replica runs, when many
    /// devices finish each second: the replica "exited on its own" with code 0 after a graceful stop).
    /// </summary>
    private static void Stop((Task Task, CancellationTokenSource Cts) run)
    {
        if (run.Task.IsCompleted) return;
        try { run.Cts.Cancel(); }
        catch (ObjectDisposedException) { /* finished meanwhile: nothing left to stop */ }
    }

    private void Start(string name, CancellationToken stop)
    {
        var cts = CancellationTokenSource.CreateLinkedTokenSource(stop);
        cts.CancelAfter(TimeSpan.FromSeconds(options.MaxOnboardingSeconds));
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // The pipeline starts only once it is registered, so its removal can never come before its registration.
        // The pipeline's blocking part gets a thread of its own inside RunOne; the rest is short async store work.
        var task = Task.Run(async () => { await gate.Task; await RunOne(name, cts.Token); }, CancellationToken.None);
        _running[name] = (task, cts);
        task.ContinueWith(_ => { _running.TryRemove(name, out var _); cts.Dispose(); }, TaskScheduler.Default);
        gate.SetResult();
    }

    private async Task RunOne(string name, CancellationToken ct)
    {
        try
        {
            var device = await store.GetDeviceAsync(name, ct);
            if (device is null) return;
            if (!contexts.TryGetValue(device.Space, out var ctx))
            {
                await store.FinishDeviceAsync(name, Owner, DeviceState.Failed, null, $"this service onboards spaces {string.Join(", ", contexts.Keys)}, not '{device.Space}'", ct);
                Interlocked.Increment(ref _failed);
                return;
            }
            using var box = signals.Subscribe(name);
            var queued = new StoreBackedDevice(store, name, ctx.Space, box, TimeSpan.FromMilliseconds(options.ResultPollMs), _compute, ct, work);
            // A restart (this device's earlier pipeline died with its replica, or lost its lease) resumes after the saved steps.
            var resume = OnboardingCheckpoint.Parse(await store.CheckpointAsync(name, ct), OnboardingCheckpoint.FingerprintOf(ctx, device.Budget, options.Onboarding));
            await _compute.WaitAsync(ct);
            var outcome = await DedicatedThread.Run("onboard " + name, () =>
            {
                try
                {
                    return OnboardingUseCase.Run(ctx, queued, device.Budget, options.Onboarding, ct, resume,
                        c => store.SaveCheckpointAsync(name, Owner, c.ToJson(), ct).GetAwaiter().GetResult());
                }
                finally { _compute.Release(); }
            }, options.PipelineNice);
            if (await store.FinishDeviceAsync(name, Owner, DeviceState.Onboarded, JsonSerializer.Serialize(outcome), null, ct))
                Interlocked.Increment(ref _onboarded);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // stopped, lease lost or over time: the lease runs out and the device is resumed elsewhere
        }
        catch (System.Data.Common.DbException e)
        {
            // The store failed under this pipeline: leave the device to its lease, which runs out, and a replica resumes it.
            log.LogWarning("pipeline of {Device} stopped by a store error: {Message}", name, e.Message);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or KeyNotFoundException or OneProxyException)
        {
            // The algorithm refused the data (too few architectures, constant latencies, ...): the device fails with the reason.
            log.LogWarning("onboarding {Device} failed: {Message}", name, e.Message);
            await store.FinishDeviceAsync(name, Owner, DeviceState.Failed, null, e.Message, CancellationToken.None);
            Interlocked.Increment(ref _failed);
        }
    }
}

using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OneProxy.Storage;

namespace OneProxy.Service.Onboarding;

/// <summary>
/// PostgreSQL replicas: results stored by any replica are announced on a LISTEN/NOTIFY channel
/// (sent on commit), and this service hands them to the waiting pipelines of this replica, so a
/// pipeline does not wait for its next poll when an agent posted to the other replica. Polling
/// stays as the safety net (a notification missed while reconnecting). Jobs queued by any replica
/// wake this replica's waiting lease requests for that device the same way. Nothing to do on SQLite.
/// </summary>
public sealed class ResultFeed(OnboardingStore store, ResultSignals signals, WorkSignal work, ILogger<ResultFeed> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        if (store.Kind != StoreKind.PostgreSql) return;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await store.ListenAsync(signals.Publish, work.Pulse, stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested) { return; }
            catch (Exception e) when (e is System.Data.Common.DbException or System.IO.IOException or TimeoutException)
            {
                log.LogWarning("result notifications interrupted ({Message}); pipelines poll meanwhile, reconnecting in 1 s", e.Message);
                try { await Task.Delay(1000, stop); } catch (OperationCanceledException) { return; }
            }
        }
    }
}

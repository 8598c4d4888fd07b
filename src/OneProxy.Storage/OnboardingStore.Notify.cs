using System.Data.Common;
using System.Globalization;
using System.Text;
using Npgsql;

namespace OneProxy.Storage;

public sealed partial class OnboardingStore
{
    /// <summary>PostgreSQL channel on which every stored result is announced (delivered on commit only).</summary>
    public const string ResultChannel = "oneproxy_results";

    /// <summary>PostgreSQL channel on which a device's name is announced when jobs of it are queued (delivered on commit only).</summary>
    public const string JobsChannel = "oneproxy_jobs";

    // pg_notify payloads must stay under 8000 bytes.
    private const int MaxPayload = 7_000;

    /// <summary>Announces stored results (device, architecture, median) on <see cref="ResultChannel"/> inside the storing transaction.</summary>
    private static async Task NotifyAsync(DbConnection c, DbTransaction tx, IEnumerable<(string Device, string Arch, double Ms)> results, CancellationToken ct)
    {
        var sb = new StringBuilder();
        foreach (var (d, a, ms) in results)
        {
            string line = $"{d}\t{a}\t{ms.ToString("R", CultureInfo.InvariantCulture)}\n";
            if (sb.Length + line.Length > MaxPayload) { await ExecAsync(c, tx, "SELECT pg_notify(@ch, @p)", ct, ("@ch", ResultChannel), ("@p", sb.ToString())); sb.Clear(); }
            sb.Append(line);
        }
        if (sb.Length > 0) await ExecAsync(c, tx, "SELECT pg_notify(@ch, @p)", ct, ("@ch", ResultChannel), ("@p", sb.ToString()));
    }

    /// <summary>
    /// PostgreSQL only: listens on <see cref="ResultChannel"/> and <see cref="JobsChannel"/> and
    /// hands every result any replica stores to <paramref name="onResult"/> and every device with
    /// new jobs to <paramref name="onJobs"/>, until <paramref name="ct"/> is cancelled or the
    /// connection fails (the caller reconnects). Returns at once on SQLite (one replica: nothing to hear).
    /// </summary>
    public async Task ListenAsync(Action<string, string, double> onResult, Action<string> onJobs, CancellationToken ct)
    {
        if (_pg is null) return;
        await using var c = await _pg.OpenConnectionAsync(ct);
        c.Notification += (_, e) =>
        {
            if (e.Channel == JobsChannel) { onJobs(e.Payload); return; }
            foreach (var line in e.Payload.Split('\n', StringSplitOptions.RemoveEmptyEntries))
                if (line.Split('\t') is [var d, var a, var ms] && double.TryParse(ms, NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
                    onResult(d, a, v);
        };
        await using (var cmd = new NpgsqlCommand($"LISTEN {ResultChannel}; LISTEN {JobsChannel}", c)) await cmd.ExecuteNonQueryAsync(ct);
        try
        {
            while (!ct.IsCancellationRequested) await c.WaitAsync(ct);
        }
        finally
        {
            // Pooled connections are not reset on return (NoResetOnClose): stop listening before this one goes back.
            if (c.State == System.Data.ConnectionState.Open)
            {
                try { await using var un = new NpgsqlCommand("UNLISTEN *", c); await un.ExecuteNonQueryAsync(CancellationToken.None); }
                catch (NpgsqlException) { /* the connection broke: the pool drops it */ }
            }
        }
    }
}

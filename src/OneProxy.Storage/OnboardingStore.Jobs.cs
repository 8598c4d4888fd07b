using System.Data.Common;

namespace OneProxy.Storage;

public sealed partial class OnboardingStore
{
    /// <summary>Queues measurements of <paramref name="architectures"/> on a device; an architecture already queued or done is left alone. Returns how many are new.</summary>
    public Task<int> EnqueueAsync(string device, IReadOnlyList<string> architectures, CancellationToken ct) =>
        WriteAsync(async (c, tx) =>
        {
            int added = 0;
            long now = NowMs;
            foreach (var a in architectures)
                added += await ExecAsync(c, tx,
                    "INSERT INTO jobs (device, arch, state, lease_until, attempts, created_ms) VALUES (@d, @a, 'queued', 0, 0, @now) ON CONFLICT (device, arch) DO NOTHING",
                    ct, ("@d", device), ("@a", a), ("@now", now));
            return added;
        }, ct);

    /// <summary>
    /// Leases up to <paramref name="max"/> open jobs (queued, or leased with the lease run out) of
    /// the devices the agent key <paramref name="keyHash"/> serves, oldest first.
    /// </summary>
    public Task<IReadOnlyList<LeasedJob>> LeaseAsync(string keyHash, string owner, int leaseMs, int max, CancellationToken ct)
    {
        if (max < 1) throw new ArgumentOutOfRangeException(nameof(max), max, "lease at least one job");
        bool pg = Kind == StoreKind.PostgreSql;
        string pick = "SELECT j.id FROM jobs j WHERE j.state <> 'done' AND j.device IN (SELECT k.device FROM api_keys k WHERE k.key_hash = @k AND k.role = 'agent') " +
                      "AND (j.state = 'queued' OR j.lease_until < @now) ORDER BY j.id LIMIT @m";
        string sql = pg
            ? $"WITH c AS ({pick} FOR UPDATE SKIP LOCKED) UPDATE jobs SET state = 'leased', lease_owner = @o, lease_until = @u, " +
              "lease_token = @t || '-' || jobs.id, attempts = jobs.attempts + 1 FROM c WHERE jobs.id = c.id " +
              "RETURNING jobs.id, jobs.device, jobs.arch, jobs.lease_token, jobs.attempts"
            : $"UPDATE jobs SET state = 'leased', lease_owner = @o, lease_until = @u, lease_token = @t || '-' || id, attempts = attempts + 1 " +
              $"WHERE id IN ({pick}) RETURNING id, device, arch, lease_token, attempts";
        return LeaseCore();

        async Task<IReadOnlyList<LeasedJob>> LeaseCore()
        {
            // Idle agents poll: a read first keeps empty polls off SQLite's single writer.
            if (!pg)
            {
                long open = await ReadAsync(c => ScalarLongAsync(c, null, $"SELECT EXISTS ({pick})", ct, ("@k", keyHash), ("@now", NowMs), ("@m", 1)), ct);
                if (open == 0) return [];
            }
            return await WriteAsync<IReadOnlyList<LeasedJob>>(async (c, tx) =>
        {
            long now = NowMs, until = now + leaseMs;
            await using var cmd = Command(c, tx, sql, ("@k", keyHash), ("@now", now), ("@m", max), ("@o", owner), ("@u", until), ("@t", Guid.NewGuid().ToString("N")));
            await using var r = await cmd.ExecuteReaderAsync(ct);
            var list = new List<LeasedJob>();
            while (await r.ReadAsync(ct)) list.Add(new LeasedJob(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetInt32(4), until));
            return list.OrderBy(j => j.Id).ToList();
        }, ct);
        }
    }

    /// <summary>A device's stored latency for one architecture, or null (a waiting pipeline's cheap poll).</summary>
    public Task<double?> ResultAsync(string device, string arch, CancellationToken ct) =>
        ReadAsync(async c =>
        {
            await using var cmd = Command(c, null, "SELECT median_ms FROM results WHERE device = @d AND arch = @a", ("@d", device), ("@a", arch));
            return await cmd.ExecuteScalarAsync(ct) is double v ? v : (double?)null;
        }, ct);

    /// <summary>Extends a lease its holder still has; false if the job is done or was re-issued.</summary>
    public Task<bool> RenewLeaseAsync(long jobId, string leaseToken, int leaseMs, CancellationToken ct) =>
        WriteAsync(async (c, tx) => await ExecAsync(c, tx,
            "UPDATE jobs SET lease_until = @u WHERE id = @id AND lease_token = @t AND state = 'leased'", ct,
            ("@u", NowMs + leaseMs), ("@id", jobId), ("@t", leaseToken)) == 1, ct);

    /// <summary>The device a job belongs to (for authorisation before posting), or null.</summary>
    public Task<string?> JobDeviceAsync(long jobId, CancellationToken ct) =>
        ReadAsync(async c =>
        {
            await using var cmd = Command(c, null, "SELECT device FROM jobs WHERE id = @id", ("@id", jobId));
            return await cmd.ExecuteScalarAsync(ct) as string;
        }, ct);

    /// <summary>
    /// Stores one result exactly once. The same idempotency key again: Replayed (nothing stored).
    /// A job already done, or re-leased to another agent since this lease: Conflict. A stale lease
    /// that nobody else took is still accepted: the measurement is valid and nobody else will post it.
    /// </summary>
    public Task<PostReceipt> PostResultAsync(string device, JobResult result, CancellationToken ct) =>
        WriteAsync(async (c, tx) =>
        {
            await using (var prior = Command(c, tx, "SELECT job_id FROM results WHERE idempotency_key = @k", ("@k", result.IdempotencyKey)))
            {
                var v = await prior.ExecuteScalarAsync(ct);
                if (v is not null and not DBNull)
                    return Convert.ToInt64(v, System.Globalization.CultureInfo.InvariantCulture) == result.JobId ? new PostReceipt(PostOutcome.Replayed, null) : new PostReceipt(PostOutcome.Conflict, null);
            }
            string arch;
            await using (var done = Command(c, tx,
                "UPDATE jobs SET state = 'done', lease_until = 0 WHERE id = @id AND device = @d AND state <> 'done' AND lease_token = @t RETURNING arch",
                ("@id", result.JobId), ("@d", device), ("@t", result.LeaseToken)))
            {
                var v = await done.ExecuteScalarAsync(ct);
                if (v is not string a)
                {
                    long exists = await ScalarLongAsync(c, tx, "SELECT COUNT(*) FROM jobs WHERE id = @id AND device = @d", ct, ("@id", result.JobId), ("@d", device));
                    return new PostReceipt(exists == 0 ? PostOutcome.NotFound : PostOutcome.Conflict, null);
                }
                arch = a;
            }
            await ExecAsync(c, tx,
                "INSERT INTO results (job_id, device, arch, median_ms, min_ms, runtime, agent, idempotency_key, received_ms) VALUES (@id, @d, @a, @m, @mn, @rt, @ag, @k, @now)", ct,
                ("@id", result.JobId), ("@d", device), ("@a", arch), ("@m", result.MedianMs), ("@mn", result.MinMs), ("@rt", result.Runtime),
                ("@ag", result.Agent), ("@k", result.IdempotencyKey), ("@now", NowMs));
            return new PostReceipt(PostOutcome.Accepted, arch);
        }, ct);

    /// <summary>Every stored result of a device, in arrival order.</summary>
    public Task<IReadOnlyList<StoredResult>> ResultsAsync(string device, CancellationToken ct) =>
        ReadAsync<IReadOnlyList<StoredResult>>(async c =>
        {
            await using var cmd = Command(c, null, "SELECT job_id, arch, median_ms, received_ms, agent FROM results WHERE device = @d ORDER BY received_ms, job_id", ("@d", device));
            await using var r = await cmd.ExecuteReaderAsync(ct);
            var list = new List<StoredResult>();
            while (await r.ReadAsync(ct)) list.Add(new StoredResult(r.GetInt64(0), r.GetString(1), r.GetDouble(2), r.GetInt64(3), r.GetString(4)));
            return list;
        }, ct);

    /// <summary>Totals; DistinctResults counts (device, architecture) pairs, so Results - DistinctResults is the duplicates.</summary>
    public Task<StoreCounts> CountsAsync(CancellationToken ct) =>
        ReadAsync(async c =>
        {
            await using var cmd = Command(c, null,
                "SELECT (SELECT COUNT(*) FROM devices), (SELECT COUNT(*) FROM devices WHERE state = 'onboarded'), (SELECT COUNT(*) FROM jobs), " +
                "(SELECT COUNT(*) FROM jobs WHERE state = 'queued'), (SELECT COUNT(*) FROM jobs WHERE state = 'leased'), (SELECT COUNT(*) FROM jobs WHERE state = 'done'), " +
                "(SELECT COUNT(*) FROM results), (SELECT COUNT(*) FROM (SELECT DISTINCT device, arch FROM results) x), (SELECT COUNT(*) FROM jobs WHERE attempts > 1)");
            await using var r = await cmd.ExecuteReaderAsync(ct);
            await r.ReadAsync(ct);
            return new StoreCounts(r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3), r.GetInt64(4), r.GetInt64(5), r.GetInt64(6), r.GetInt64(7), r.GetInt64(8));
        }, ct);
}

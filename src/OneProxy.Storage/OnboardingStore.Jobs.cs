using System.Data.Common;

namespace OneProxy.Storage;

public sealed partial class OnboardingStore
{
    /// <summary>Queues measurements of <paramref name="architectures"/> on a device; an architecture already queued or done is left alone. Returns how many are new.</summary>
    /// <remarks>
    /// One statement whatever the count (a pipeline queues a whole round at once): on PostgreSQL one
    /// INSERT ... SELECT FROM unnest(array) whose text never changes (prepared once per connection);
    /// on SQLite one multi-row INSERT. Ids follow the given order, so leases hand the round out in it.
    /// </remarks>
    public Task<int> EnqueueAsync(string device, IReadOnlyList<string> architectures, CancellationToken ct)
    {
        if (architectures.Count == 0) return Task.FromResult(0);
        if (architectures.Count > MaxEnqueue) throw new ArgumentOutOfRangeException(nameof(architectures), architectures.Count, $"queue at most {MaxEnqueue} architectures at once");
        return WriteAsync(async (c, tx) =>
        {
            long now = NowMs;
            if (Kind == StoreKind.PostgreSql)
            {
                int added = await ExecAsync(c, tx,
                    "INSERT INTO jobs (device, arch, state, lease_until, attempts, created_ms) SELECT @d, a.arch, 'queued', 0, 0, @now " +
                    "FROM unnest(@a::text[]) WITH ORDINALITY AS a(arch, n) ORDER BY a.n ON CONFLICT (device, arch) DO NOTHING",
                    ct, ("@d", device), ("@a", architectures.ToArray()), ("@now", now));
                // Every replica's waiting lease requests for this device wake on commit, not at their next re-check.
                if (added > 0) await ExecAsync(c, tx, "SELECT pg_notify(@ch, @d)", ct, ("@ch", JobsChannel), ("@d", device));
                return added;
            }
            var args = architectures.Select((a, i) => ($"@a{i}", (object?)a)).Append(("@d", device)).Append(("@now", now)).ToArray();
            return await ExecAsync(c, tx,
                "INSERT INTO jobs (device, arch, state, lease_until, attempts, created_ms) VALUES " +
                string.Join(", ", architectures.Select((_, i) => $"(@d, @a{i}, 'queued', 0, 0, @now)")) + " ON CONFLICT (device, arch) DO NOTHING", ct, args);
        }, ct);
    }

    /// <summary>Most architectures one <see cref="EnqueueAsync"/> takes (bounds SQLite's parameters; a device's budget is at most 1,000).</summary>
    public const int MaxEnqueue = 1_000;

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
    /// A job of another device than <paramref name="device"/>: NotFound.
    /// </summary>
    public async Task<PostReceipt> PostResultAsync(string device, JobResult result, CancellationToken ct)
    {
        var r = (await PostResultsAsync(new HashSet<string>(StringComparer.Ordinal) { device }, [result], ct))[0];
        return new PostReceipt(r.Outcome == PostOutcome.Forbidden ? PostOutcome.NotFound : r.Outcome, r.Architecture);
    }

    /// <summary>Largest batch of <see cref="PostResultsAsync"/> and <see cref="RenewLeasesAsync"/> (bounds the statement's parameters).</summary>
    public const int MaxBatch = 256;

    /// <summary>
    /// Stores a batch of results in one transaction, each exactly once, with the rules of
    /// <see cref="PostResultAsync"/> applied per result; a job of a device outside
    /// <paramref name="devices"/> is Forbidden and left alone. A fixed number of statements whatever
    /// the batch size: the jobs' devices and the idempotency keys seen before, then one UPDATE that
    /// turns the postable jobs done (RETURNING those it did) and one multi-row INSERT. On
    /// PostgreSQL the values travel as arrays (unnest), so each statement's text never changes and
    /// is prepared once per connection: lookups in one statement, update and insert in one
    /// (a data-modifying WITH), the notification in a third. Job ids and idempotency keys must be
    /// distinct within a batch.
    /// </summary>
    public Task<IReadOnlyList<BatchReceipt>> PostResultsAsync(IReadOnlySet<string> devices, IReadOnlyList<JobResult> results, CancellationToken ct)
    {
        if (results.Count is 0 or > MaxBatch) throw new ArgumentOutOfRangeException(nameof(results), results.Count, $"a batch holds 1..{MaxBatch} results");
        if (results.Select(r => r.JobId).Distinct().Count() != results.Count) throw new ArgumentException("a batch names a job twice");
        if (results.Select(r => r.IdempotencyKey).Distinct(StringComparer.Ordinal).Count() != results.Count) throw new ArgumentException("a batch uses an idempotency key twice");
        bool pg = Kind == StoreKind.PostgreSql;
        return WriteAsync<IReadOnlyList<BatchReceipt>>(async (c, tx) =>
        {
            int n = results.Count;
            var (owner, prior) = pg ? await LookupPg(c, tx, results, ct) : await LookupSqlite(c, tx, results, ct);
            var outcome = new PostOutcome?[n];
            var open = new List<int>(n);
            for (int i = 0; i < n; i++)
            {
                var r = results[i];
                if (!owner.TryGetValue(r.JobId, out var dev)) outcome[i] = PostOutcome.NotFound;
                else if (!devices.Contains(dev)) outcome[i] = PostOutcome.Forbidden;
                else if (prior.TryGetValue(r.IdempotencyKey, out var was)) outcome[i] = was == r.JobId ? PostOutcome.Replayed : PostOutcome.Conflict;
                else open.Add(i);
            }
            var arch = open.Count == 0 ? new Dictionary<long, string>()
                : pg ? await StorePg(c, tx, results, open, owner, ct) : await StoreSqlite(c, tx, results, open, owner, ct);
            foreach (var i in open) outcome[i] = arch.ContainsKey(results[i].JobId) ? PostOutcome.Accepted : PostOutcome.Conflict;
            if (pg && arch.Count > 0)
                await NotifyAsync(c, tx, open.Where(i => arch.ContainsKey(results[i].JobId)).Select(i => (owner[results[i].JobId], arch[results[i].JobId], results[i].MedianMs)), ct);
            return results.Select((r, i) => new BatchReceipt(r.JobId, outcome[i]!.Value,
                outcome[i] == PostOutcome.Accepted ? owner[r.JobId] : null, outcome[i] == PostOutcome.Accepted ? arch[r.JobId] : null)).ToArray();
        }, ct);
    }

    /// <summary>Each posted job's device (absent: no such job) and, per idempotency key already stored, the job it was stored for.</summary>
    private static async Task<(Dictionary<long, string> Owner, Dictionary<string, long> Prior)> LookupSqlite(DbConnection c, DbTransaction tx, IReadOnlyList<JobResult> results, CancellationToken ct)
    {
        var ids = results.Select((r, i) => ($"@i{i}", (object?)r.JobId)).ToArray();
        var owner = new Dictionary<long, string>();
        await using (var cmd = Command(c, tx, $"SELECT id, device FROM jobs WHERE id IN ({string.Join(", ", ids.Select(p => p.Item1))})", ids))
        await using (var rd = await cmd.ExecuteReaderAsync(ct))
            while (await rd.ReadAsync(ct)) owner[rd.GetInt64(0)] = rd.GetString(1);
        var keys = results.Select((r, i) => ($"@k{i}", (object?)r.IdempotencyKey)).ToArray();
        var prior = new Dictionary<string, long>(StringComparer.Ordinal);
        await using (var cmd = Command(c, tx, $"SELECT idempotency_key, job_id FROM results WHERE idempotency_key IN ({string.Join(", ", keys.Select(p => p.Item1))})", keys))
        await using (var rd = await cmd.ExecuteReaderAsync(ct))
            while (await rd.ReadAsync(ct)) prior[rd.GetString(0)] = rd.GetInt64(1);
        return (owner, prior);
    }

    private static async Task<(Dictionary<long, string> Owner, Dictionary<string, long> Prior)> LookupPg(DbConnection c, DbTransaction tx, IReadOnlyList<JobResult> results, CancellationToken ct)
    {
        var owner = new Dictionary<long, string>();
        var prior = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var cmd = Command(c, tx,
            "SELECT v.id, j.device, v.k, r.job_id FROM unnest(@i::bigint[], @k::text[]) AS v(id, k) " +
            "LEFT JOIN jobs j ON j.id = v.id LEFT JOIN results r ON r.idempotency_key = v.k",
            ("@i", results.Select(r => r.JobId).ToArray()), ("@k", results.Select(r => r.IdempotencyKey).ToArray()));
        await using var rd = await cmd.ExecuteReaderAsync(ct);
        while (await rd.ReadAsync(ct))
        {
            if (!rd.IsDBNull(1)) owner[rd.GetInt64(0)] = rd.GetString(1);
            if (!rd.IsDBNull(3)) prior[rd.GetString(2)] = rd.GetInt64(3);
        }
        return (owner, prior);
    }

    /// <summary>Turns the open jobs whose lease token matches done and stores their results; returns the architecture of each job stored.</summary>
    private async Task<Dictionary<long, string>> StoreSqlite(DbConnection c, DbTransaction tx, IReadOnlyList<JobResult> results, List<int> open, Dictionary<long, string> owner, CancellationToken ct)
    {
        var arch = new Dictionary<long, string>();
        var args = open.SelectMany(i => new[] { ($"@j{i}", (object?)results[i].JobId), ($"@t{i}", (object?)results[i].LeaseToken) }).ToArray();
        string values = string.Join(", ", open.Select(i => $"(@j{i}, @t{i})"));
        await using (var cmd = Command(c, tx,
            $"UPDATE jobs SET state = 'done', lease_until = 0 FROM (VALUES {values}) AS v WHERE jobs.id = v.column1 AND jobs.lease_token = v.column2 " +
            "AND jobs.state <> 'done' RETURNING jobs.id, jobs.arch", args))
        await using (var rd = await cmd.ExecuteReaderAsync(ct))
            while (await rd.ReadAsync(ct)) arch[rd.GetInt64(0)] = rd.GetString(1);
        var stored = open.Where(i => arch.ContainsKey(results[i].JobId)).ToArray();
        if (stored.Length == 0) return arch;
        var insert = new List<(string, object?)> { ("@now", NowMs) };
        var rows = new List<string>(stored.Length);
        foreach (int i in stored)
        {
            var r = results[i];
            rows.Add($"(@j{i}, @d{i}, @a{i}, @m{i}, @mn{i}, @rt{i}, @ag{i}, @k{i}, @now, @e{i})");
            insert.AddRange([($"@j{i}", r.JobId), ($"@d{i}", owner[r.JobId]), ($"@a{i}", arch[r.JobId]), ($"@m{i}", r.MedianMs), ($"@mn{i}", r.MinMs),
                ($"@rt{i}", r.Runtime), ($"@ag{i}", r.Agent), ($"@k{i}", r.IdempotencyKey), ($"@e{i}", r.EnergyMj)]);
        }
        await ExecAsync(c, tx,
            "INSERT INTO results (job_id, device, arch, median_ms, min_ms, runtime, agent, idempotency_key, received_ms, energy_mj) VALUES " + string.Join(", ", rows), ct, [.. insert]);
        return arch;
    }

    private async Task<Dictionary<long, string>> StorePg(DbConnection c, DbTransaction tx, IReadOnlyList<JobResult> results, List<int> open, Dictionary<long, string> owner, CancellationToken ct)
    {
        var rs = open.Select(i => results[i]).ToArray();
        await using var cmd = Command(c, tx,
            "WITH v AS (SELECT * FROM unnest(@j::bigint[], @t::text[], @d::text[], @m::float8[], @mn::float8[], @rt::text[], @ag::text[], @k::text[], @e::float8[]) " +
            "AS v(id, token, device, m, mn, rt, ag, k, e)), " +
            "u AS (UPDATE jobs SET state = 'done', lease_until = 0 FROM v WHERE jobs.id = v.id AND jobs.lease_token = v.token AND jobs.state <> 'done' RETURNING jobs.id, jobs.arch), " +
            "ins AS (INSERT INTO results (job_id, device, arch, median_ms, min_ms, runtime, agent, idempotency_key, received_ms, energy_mj) " +
            "SELECT v.id, v.device, u.arch, v.m, v.mn, v.rt, v.ag, v.k, @now, v.e FROM u JOIN v ON v.id = u.id RETURNING job_id, arch) " +
            "SELECT job_id, arch FROM ins",
            ("@j", rs.Select(r => r.JobId).ToArray()), ("@t", rs.Select(r => r.LeaseToken).ToArray()), ("@d", rs.Select(r => owner[r.JobId]).ToArray()),
            ("@m", rs.Select(r => r.MedianMs).ToArray()), ("@mn", rs.Select(r => r.MinMs).ToArray()), ("@rt", rs.Select(r => r.Runtime).ToArray()),
            ("@ag", rs.Select(r => r.Agent).ToArray()), ("@k", rs.Select(r => r.IdempotencyKey).ToArray()), ("@e", rs.Select(r => r.EnergyMj).ToArray()), ("@now", NowMs));
        var arch = new Dictionary<long, string>();
        await using var rd = await cmd.ExecuteReaderAsync(ct);
        while (await rd.ReadAsync(ct)) arch[rd.GetInt64(0)] = rd.GetString(1);
        return arch;
    }

    /// <summary>Extends the leases their holders still have, in one statement; returns the jobs renewed (the others are done or were re-issued).</summary>
    public Task<IReadOnlySet<long>> RenewLeasesAsync(IReadOnlySet<string> devices, IReadOnlyList<(long JobId, string LeaseToken)> leases, int leaseMs, CancellationToken ct)
    {
        if (leases.Count is 0 or > MaxBatch) throw new ArgumentOutOfRangeException(nameof(leases), leases.Count, $"a batch holds 1..{MaxBatch} leases");
        return WriteAsync<IReadOnlySet<long>>(async (c, tx) =>
        {
            DbCommand cmd;
            if (Kind == StoreKind.PostgreSql)
                // Arrays keep the text fixed (prepared once per connection) whatever the batch size.
                cmd = Command(c, tx,
                    "UPDATE jobs SET lease_until = @u FROM unnest(@j::bigint[], @t::text[]) AS v(id, token) WHERE jobs.id = v.id AND jobs.lease_token = v.token " +
                    "AND jobs.state = 'leased' AND jobs.device = ANY(@d::text[]) RETURNING jobs.id",
                    ("@j", leases.Select(l => l.JobId).ToArray()), ("@t", leases.Select(l => l.LeaseToken).ToArray()), ("@d", devices.ToArray()), ("@u", NowMs + leaseMs));
            else
            {
                var args = leases.SelectMany((l, i) => new[] { ($"@j{i}", (object?)l.JobId), ($"@t{i}", (object?)l.LeaseToken) })
                    .Concat(devices.Select((d, i) => ($"@d{i}", (object?)d))).Append(("@u", NowMs + leaseMs)).ToArray();
                string values = string.Join(", ", leases.Select((_, i) => $"(@j{i}, @t{i})"));
                string owned = devices.Count == 0 ? "NULL" : string.Join(", ", devices.Select((_, i) => $"@d{i}"));
                cmd = Command(c, tx,
                    $"UPDATE jobs SET lease_until = @u FROM (VALUES {values}) AS v WHERE jobs.id = v.column1 AND jobs.lease_token = v.column2 " +
                    $"AND jobs.state = 'leased' AND jobs.device IN ({owned}) RETURNING jobs.id", args);
            }
            await using var _ = cmd;
            await using var rd = await cmd.ExecuteReaderAsync(ct);
            var renewed = new HashSet<long>();
            while (await rd.ReadAsync(ct)) renewed.Add(rd.GetInt64(0));
            return renewed;
        }, ct);
    }

    /// <summary>Every stored result of a device, in arrival order.</summary>
    public Task<IReadOnlyList<StoredResult>> ResultsAsync(string device, CancellationToken ct) =>
        ReadAsync<IReadOnlyList<StoredResult>>(async c =>
        {
            await using var cmd = Command(c, null, "SELECT job_id, arch, median_ms, received_ms, agent, energy_mj FROM results WHERE device = @d ORDER BY received_ms, job_id", ("@d", device));
            await using var r = await cmd.ExecuteReaderAsync(ct);
            var list = new List<StoredResult>();
            while (await r.ReadAsync(ct)) list.Add(new StoredResult(r.GetInt64(0), r.GetString(1), r.GetDouble(2), r.GetInt64(3), r.GetString(4), r.IsDBNull(5) ? null : r.GetDouble(5)));
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

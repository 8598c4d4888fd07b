namespace OneProxy.Storage;

public sealed partial class OnboardingStore
{
    /// <summary>Records a model-selection decision (context in, model out) so its feedback can come hours later, across restarts.</summary>
    public Task<bool> AddDecisionAsync(string id, string contextJson, string model, CancellationToken ct) =>
        WriteAsync(async (c, tx) => await ExecAsync(c, tx,
            "INSERT INTO decisions (id, context, model, created_ms) VALUES (@id, @c, @m, @now) ON CONFLICT (id) DO NOTHING", ct,
            ("@id", id), ("@c", contextJson), ("@m", model), ("@now", NowMs)) == 1, ct);

    /// <summary>Feedback for a decision, once: false if the decision is unknown or already has feedback.</summary>
    public Task<bool> AddFeedbackAsync(string id, double qoe, CancellationToken ct) =>
        WriteAsync(async (c, tx) => await ExecAsync(c, tx,
            "UPDATE decisions SET qoe = @q, feedback_ms = @now WHERE id = @id AND qoe IS NULL", ct, ("@q", qoe), ("@now", NowMs), ("@id", id)) == 1, ct);

    /// <summary>(feedback time, QoE) of every decision with feedback, oldest first (the dashboard's QoE over time).</summary>
    public Task<IReadOnlyList<(long Ms, double Qoe)>> FeedbackSeriesAsync(CancellationToken ct, int limit = 100_000) =>
        ReadAsync<IReadOnlyList<(long, double)>>(async c =>
        {
            await using var cmd = Command(c, null, "SELECT feedback_ms, qoe FROM decisions WHERE qoe IS NOT NULL ORDER BY feedback_ms LIMIT @l", ("@l", limit));
            await using var r = await cmd.ExecuteReaderAsync(ct);
            var list = new List<(long, double)>();
            while (await r.ReadAsync(ct)) list.Add((r.GetInt64(0), r.GetDouble(1)));
            return list;
        }, ct);
}

public sealed partial class OnboardingStore
{
    /// <summary>
    /// Runs <paramref name="apply"/> on a hosted policy's state under the store's write lock (a row
    /// lock on PostgreSQL), and saves what it returns as the next version, in one transaction: a
    /// decision or feedback is either fully applied and stored or not at all, across restarts and replicas.
    /// <paramref name="apply"/> gets the stored version and state (0 and null when there is none).
    /// </summary>
    public Task<T> UpdatePolicyAsync<T>(string name, Func<long, string?, (string State, T Result)> apply, CancellationToken ct) =>
        WriteAsync(async (c, tx) =>
        {
            long version = 0;
            string? state = null;
            string lockClause = Kind == StoreKind.PostgreSql ? " FOR UPDATE" : "";
            await using (var cmd = Command(c, tx, $"SELECT version, state FROM policy_state WHERE name = @n{lockClause}", ("@n", name)))
            await using (var r = await cmd.ExecuteReaderAsync(ct))
                if (await r.ReadAsync(ct)) { version = r.GetInt64(0); state = r.GetString(1); }
            var (next, result) = apply(version, state);
            if (version == 0)
                await ExecAsync(c, tx, "INSERT INTO policy_state (name, version, state, updated_ms) VALUES (@n, 1, @s, @now)", ct, ("@n", name), ("@s", next), ("@now", NowMs));
            else
                await ExecAsync(c, tx, "UPDATE policy_state SET version = @v, state = @s, updated_ms = @now WHERE name = @n", ct,
                    ("@v", version + 1), ("@s", next), ("@now", NowMs), ("@n", name));
            return result;
        }, ct);
}

using Npgsql;

namespace OneProxy.Storage;

/// <summary>How often one statement text ran, and the database time it took in all (pg_stat_statements).</summary>
public sealed record StatementCount(long Calls, double TotalMs, string Query);

public sealed partial class OnboardingStore
{
    /// <summary>Results stored and devices no longer onboarding: the cheap progress read a benchmark polls (two counts).</summary>
    public Task<(long Results, long Finished)> ProgressAsync(CancellationToken ct) =>
        ReadAsync(async c =>
        {
            await using var cmd = Command(c, null, "SELECT (SELECT COUNT(*) FROM results), (SELECT COUNT(*) FROM devices WHERE state <> 'onboarding')");
            await using var r = await cmd.ExecuteReaderAsync(ct);
            await r.ReadAsync(ct);
            return (r.GetInt64(0), r.GetInt64(1));
        }, ct);

    /// <summary>
    /// PostgreSQL: clears pg_stat_statements' counters (creating the extension if needed). False
    /// when the server was started without it in shared_preload_libraries, or on SQLite.
    /// </summary>
    public async Task<bool> ResetStatementStatsAsync(CancellationToken ct)
    {
        if (_pg is null) return false;
        try
        {
            await using var c = await _pg.OpenConnectionAsync(ct);
            await using (var create = new NpgsqlCommand("CREATE EXTENSION IF NOT EXISTS pg_stat_statements", c)) await create.ExecuteNonQueryAsync(ct);
            await using var reset = new NpgsqlCommand("SELECT pg_stat_statements_reset()", c);
            await reset.ExecuteNonQueryAsync(ct);
            return true;
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.ObjectNotInPrerequisiteState or PostgresErrorCodes.UndefinedFile or PostgresErrorCodes.FeatureNotSupported)
        {
            return false; // not preloaded, or the extension is not installed: the caller says statements were not counted
        }
    }

    /// <summary>PostgreSQL: every statement pg_stat_statements counted since the reset, most called first (this store's own statistics queries left out).</summary>
    public async Task<IReadOnlyList<StatementCount>> StatementStatsAsync(CancellationToken ct)
    {
        if (_pg is null) return [];
        await using var c = await _pg.OpenConnectionAsync(ct);
        await using var cmd = new NpgsqlCommand(
            "SELECT calls, total_exec_time, query FROM pg_stat_statements WHERE query NOT LIKE '%pg_stat_statements%' ORDER BY calls DESC", c);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<StatementCount>();
        while (await r.ReadAsync(ct)) list.Add(new StatementCount(r.GetInt64(0), r.GetDouble(1), r.GetString(2)));
        return list;
    }
}

using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace OneProxy.Storage;

/// <summary>
/// Devices, measurement jobs with leases, results, API keys and model-selection decisions, on
/// SQLite (default, one file) or PostgreSQL (several service replicas). Every write is one
/// transaction; every value travels as a parameter, never in SQL text.
/// Exactly-once: a job becomes 'done' in the same transaction that stores its one result, and
/// the results table is unique on job, on (device, architecture) and on idempotency key.
/// Claims: PostgreSQL uses SELECT ... FOR UPDATE SKIP LOCKED so replicas never wait on each
/// other's rows; SQLite has one writer, serialised in-process and by BEGIN IMMEDIATE across processes.
/// </summary>
public sealed partial class OnboardingStore : IAsyncDisposable
{
    private readonly string _connectionString;
    private readonly NpgsqlDataSource? _pg;
    private readonly SemaphoreSlim _writer = new(1, 1);
    private readonly TimeProvider _time;

    private OnboardingStore(StoreKind kind, string connectionString, TimeProvider time)
    {
        Kind = kind;
        _connectionString = connectionString;
        _time = time;
        if (kind == StoreKind.PostgreSql)
        {
            // Prepared statements: every statement here is parameterised text that repeats, so Npgsql prepares the frequent ones once per connection.
            var b = new NpgsqlConnectionStringBuilder(connectionString);
            if (b.MaxAutoPrepare == 0) b.MaxAutoPrepare = 64;
            // No session state is left on a pooled connection (no temp tables, session settings or session locks; LISTEN
            // runs on a connection of its own), so skip the reset Npgsql otherwise sends on every checkout: seven statements
            // each time (DISCARD ..., RESET ALL, UNLISTEN *, ...), 56 % of the statements PostgreSQL ran in a 50,000-job run.
            b.NoResetOnClose = true;
            _pg = NpgsqlDataSource.Create(b.ConnectionString);
        }
    }

    /// <summary>SQLite's single writer: one connection kept open for every write transaction, used under <see cref="_writer"/> only.</summary>
    private SqliteConnection? _sqliteWriter;

    public StoreKind Kind { get; }

    /// <summary>A human-readable location without secrets: the file, or host/port/database.</summary>
    public string Location { get; private init; } = "";

    /// <summary>
    /// Opens (creating and migrating if needed) the store named by <paramref name="store"/>: a
    /// PostgreSQL connection string (it contains "Host=") or a SQLite file path.
    /// </summary>
    public static async Task<OnboardingStore> OpenAsync(string store, CancellationToken ct, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(store);
        OnboardingStore s;
        if (store.Contains("Host=", StringComparison.OrdinalIgnoreCase))
        {
            var b = new NpgsqlConnectionStringBuilder(store);
            s = new OnboardingStore(StoreKind.PostgreSql, store, time ?? TimeProvider.System) { Location = $"postgresql://{b.Host}:{b.Port}/{b.Database}" };
        }
        else
        {
            var full = Path.GetFullPath(store);
            var cs = new SqliteConnectionStringBuilder { DataSource = full, Pooling = true, DefaultTimeout = 30, ForeignKeys = true }.ToString();
            s = new OnboardingStore(StoreKind.Sqlite, cs, time ?? TimeProvider.System) { Location = full };
        }
        try
        {
            await s.MigrateAsync(ct);
        }
        catch
        {
            await s.DisposeAsync();
            throw;
        }
        return s;
    }

    public long NowMs => _time.GetUtcNow().ToUnixTimeMilliseconds();

    private async Task<DbConnection> OpenConnectionAsync(CancellationToken ct)
    {
        if (_pg is not null) return await _pg.OpenConnectionAsync(ct);
        var c = new SqliteConnection(_connectionString);
        await c.OpenAsync(ct);
        await using var cmd = c.CreateCommand();
        // Busy timeout (DefaultTimeout) and foreign keys come from the connection string; NORMAL sync is safe in WAL mode.
        cmd.CommandText = "PRAGMA synchronous = NORMAL";
        await cmd.ExecuteNonQueryAsync(ct);
        return c;
    }

    /// <summary>Runs <paramref name="body"/> in one write transaction (serialised on SQLite).</summary>
    private async Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, Task<T>> body, CancellationToken ct)
    {
        bool serial = Kind == StoreKind.Sqlite;
        if (serial) await _writer.WaitAsync(ct);
        try
        {
            if (serial)
            {
                _sqliteWriter ??= (SqliteConnection)await OpenConnectionAsync(ct);
                // Microsoft.Data.Sqlite starts BEGIN IMMEDIATE: the write lock is taken up front, so no upgrade deadlock.
                await using var stx = await _sqliteWriter.BeginTransactionAsync(ct);
                var sr = await body(_sqliteWriter, stx);
                await stx.CommitAsync(ct);
                return sr;
            }
            await using var c = await OpenConnectionAsync(ct);
            await using var tx = await c.BeginTransactionAsync(ct);
            var r = await body(c, tx);
            await tx.CommitAsync(ct);
            return r;
        }
        finally
        {
            if (serial) _writer.Release();
        }
    }

    private async Task<T> ReadAsync<T>(Func<DbConnection, Task<T>> body, CancellationToken ct)
    {
        await using var c = await OpenConnectionAsync(ct);
        return await body(c);
    }

    private static DbCommand Command(DbConnection c, DbTransaction? tx, string sql, params (string Name, object? Value)[] args)
    {
        var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        foreach (var (name, value) in args)
        {
            var p = cmd.CreateParameter();
            p.ParameterName = name;
            p.Value = value ?? DBNull.Value;
            cmd.Parameters.Add(p);
        }
        return cmd;
    }

    private static async Task<int> ExecAsync(DbConnection c, DbTransaction? tx, string sql, CancellationToken ct, params (string, object?)[] args)
    {
        await using var cmd = Command(c, tx, sql, args);
        return await cmd.ExecuteNonQueryAsync(ct);
    }

    private static async Task<long> ScalarLongAsync(DbConnection c, DbTransaction? tx, string sql, CancellationToken ct, params (string, object?)[] args)
    {
        await using var cmd = Command(c, tx, sql, args);
        var v = await cmd.ExecuteScalarAsync(ct);
        return v is null or DBNull ? 0 : Convert.ToInt64(v, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Brings the schema to <see cref="Migrations.Latest"/>; safe when several replicas start at once.</summary>
    public async Task<int> MigrateAsync(CancellationToken ct)
    {
        if (Kind == StoreKind.Sqlite)
        {
            await using var c = await OpenConnectionAsync(ct);
            await ExecAsync(c, null, "PRAGMA journal_mode = WAL;", ct);
        }
        return await WriteAsync(async (c, tx) =>
        {
            // Replicas starting together: the advisory lock makes the second wait, then see the new version.
            if (Kind == StoreKind.PostgreSql) await ExecAsync(c, tx, "SELECT pg_advisory_xact_lock(160016)", ct);
            await ExecAsync(c, tx, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)", ct);
            long version = await ScalarLongAsync(c, tx, "SELECT COALESCE(MAX(version), 0) FROM schema_version", ct);
            if (version > Migrations.Latest)
                throw new InvalidOperationException($"store {Location} has schema version {version}, newer than this build's {Migrations.Latest}");
            for (int v = (int)version + 1; v <= Migrations.Latest; v++)
            {
                await ExecAsync(c, tx, Migrations.Step(v, Kind), ct);
                await ExecAsync(c, tx, "INSERT INTO schema_version (version) VALUES (@v)", ct, ("@v", v));
            }
            return Migrations.Latest;
        }, ct);
    }

    public async Task<long> SchemaVersionAsync(CancellationToken ct) =>
        await ReadAsync(c => ScalarLongAsync(c, null, "SELECT COALESCE(MAX(version), 0) FROM schema_version", ct), ct);

    public async ValueTask DisposeAsync()
    {
        if (_pg is not null) await _pg.DisposeAsync();
        else
        {
            await _writer.WaitAsync();
            if (_sqliteWriter is not null) await _sqliteWriter.DisposeAsync();
            _sqliteWriter = null;
            _writer.Release();
            SqliteConnection.ClearAllPools();
        }
        _writer.Dispose();
    }
}

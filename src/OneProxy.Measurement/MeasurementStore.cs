using System.Globalization;
using Microsoft.Data.Sqlite;

namespace OneProxy.Measurement;

/// <summary>
/// SQLite measurement store: one row per (space, architecture, device, setting) with its
/// provenance. Every write is one transaction, so a crash mid-batch leaves the store as it was
/// before the batch; a measurement already stored is never overwritten (the first one wins and
/// the duplicate is counted). Write-ahead logging plus a busy timeout let several processes
/// share one file.
/// </summary>
public sealed class MeasurementStore : IDisposable
{
    /// <summary>Schema version kept in SQLite's user_version; a newer file is refused, not guessed at.</summary>
    public const int SchemaVersion = 3;

    private readonly SqliteConnection _connection;

    private MeasurementStore(string path, SqliteConnection connection)
    {
        Path = path;
        _connection = connection;
    }

    public string Path { get; }

    /// <summary>SQLite application id of OneProxy stores ("OPXY"): a file with another id belongs to another program.</summary>
    public const int ApplicationId = 0x4F505859;

    /// <summary>
    /// Opens the store at <paramref name="path"/> for writing, creating it if the file does not
    /// exist. An existing file is identified before anything is written to it: a SQLite file of
    /// another program (another application id, or tables that are not a OneProxy store) is
    /// refused and left byte for byte as it was.
    /// </summary>
    public static MeasurementStore Open(string path, TimeSpan? busyTimeout = null) => OpenCore(path, busyTimeout, forReading: false);

    /// <summary>
    /// Opens an existing store for reading commands: never creates a file (a mistyped path is an
    /// error, not an empty store), refuses foreign files, and opens read-only unless an older
    /// OneProxy schema must first be migrated in place.
    /// </summary>
    public static MeasurementStore OpenForReading(string path, TimeSpan? busyTimeout = null) => OpenCore(path, busyTimeout, forReading: true);

    private static MeasurementStore OpenCore(string path, TimeSpan? busyTimeout, bool forReading)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var dir = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
        if (dir is not null && !Directory.Exists(dir))
            throw new StoreException($"{path}: folder '{dir}' does not exist");
        if (Directory.Exists(path)) throw new StoreException($"{path}: is a folder, not a store file");
        bool exists = File.Exists(path);
        if (forReading && !exists) throw new StoreException($"{path}: no such measurement store (reading commands never create one)");
        SQLitePCL.Batteries_V2.Init();
        var identity = exists ? Identify(path) : StoreIdentity.Empty;
        bool readOnly = forReading && identity == StoreIdentity.Current;
        var cs = new SqliteConnectionStringBuilder
        {
            DataSource = path, Mode = readOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWriteCreate, Pooling = false,
        }.ToString();
        var connection = new SqliteConnection(cs);
        try
        {
            connection.Open();
            var store = new MeasurementStore(path, connection);
            store.Execute($"PRAGMA busy_timeout = {(int)(busyTimeout ?? TimeSpan.FromSeconds(60)).TotalMilliseconds}");
            if (!readOnly)
            {
                store.Execute("PRAGMA journal_mode = WAL");
                store.Execute("PRAGMA synchronous = FULL");
                store.Migrate();
            }
            return store;
        }
        catch (SqliteException e)
        {
            connection.Dispose();
            throw new StoreException($"{path}: cannot open the measurement store: {e.Message}", e);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private enum StoreIdentity { Empty, Legacy, Current }

    /// <summary>Reads the file's identity on a read-only connection, so checking changes nothing.</summary>
    private static StoreIdentity Identify(string path)
    {
        var cs = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();
        try
        {
            using var c = new SqliteConnection(cs);
            c.Open();
            long Scalar(string sql) { using var cmd = c.CreateCommand(); cmd.CommandText = sql; return Convert.ToInt64(cmd.ExecuteScalar(), CultureInfo.InvariantCulture); }
            long app = Scalar("PRAGMA application_id"), version = Scalar("PRAGMA user_version");
            var tables = new List<string>();
            using (var cmd = c.CreateCommand())
            {
                cmd.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name";
                using var r = cmd.ExecuteReader();
                while (r.Read()) tables.Add(r.GetString(0));
            }
            if (app == ApplicationId) return version == SchemaVersion ? StoreIdentity.Current : StoreIdentity.Legacy;
            if (app == 0 && tables.Count == 0 && version == 0) return StoreIdentity.Empty;
            // Stores written before the application id existed: our schema versions and our one table.
            if (app == 0 && version is >= 1 and <= SchemaVersion && tables.SequenceEqual(["measurements"])) return StoreIdentity.Legacy;
            throw new StoreException($"{path}: not a OneProxy measurement store (application id {app}, schema {version}, " +
                                     $"tables: {(tables.Count == 0 ? "none" : OneProxyException.Quote(string.Join(", ", tables), 100))}); nothing was changed");
        }
        catch (SqliteException e)
        {
            throw new StoreException($"{path}: not a readable SQLite file ({e.Message}); nothing was changed", e);
        }
    }

    private void Migrate()
    {
        long version = Scalar<long>("PRAGMA user_version");
        if (version > SchemaVersion)
            throw new StoreException($"{Path}: store schema version {version} is newer than this OneProxy understands ({SchemaVersion}); upgrade OneProxy");
        if (version == SchemaVersion) { EnsureApplicationId(); return; }
        // Write-locked, then read again: another process may have migrated the file meanwhile.
        using var tx = _connection.BeginTransaction(deferred: false);
        version = Scalar<long>("PRAGMA user_version", tx);
        if (version == SchemaVersion) { tx.Commit(); EnsureApplicationId(); return; }
        if (version is 1 or 2)
        {
            // Version 2 adds the fastest run, version 3 the energy per inference; older rows keep
            // NULL there (never guessed).
            if (version == 1) Execute("ALTER TABLE measurements ADD COLUMN min_ms REAL", tx);
            Execute("ALTER TABLE measurements ADD COLUMN energy_mj REAL CHECK (energy_mj IS NULL OR energy_mj > 0)", tx);
            Execute($"PRAGMA user_version = {SchemaVersion}", tx);
            Execute($"PRAGMA application_id = {ApplicationId}", tx);
            tx.Commit();
            return;
        }
        Execute("""
            CREATE TABLE IF NOT EXISTS measurements (
                id           INTEGER PRIMARY KEY,
                space        TEXT    NOT NULL,
                arch         TEXT    NOT NULL,
                device       TEXT    NOT NULL,
                batch_size   INTEGER NOT NULL,
                threads      INTEGER NOT NULL,
                input_size   INTEGER NOT NULL,
                runtime      TEXT    NOT NULL,
                median_ms    REAL    NOT NULL CHECK (median_ms > 0),
                mean_ms      REAL,
                std_ms       REAL,
                repetitions  INTEGER,
                measured_at  TEXT    NOT NULL,
                source       TEXT    NOT NULL,
                min_ms       REAL,
                energy_mj    REAL CHECK (energy_mj IS NULL OR energy_mj > 0),
                UNIQUE (space, arch, device, batch_size, threads, input_size)
            )
            """, tx);
        Execute($"PRAGMA user_version = {SchemaVersion}", tx);
        Execute($"PRAGMA application_id = {ApplicationId}", tx);
        tx.Commit();
    }

    /// <summary>Stores of the current schema written before the application id existed get it now.</summary>
    private void EnsureApplicationId()
    {
        if (Scalar<long>("PRAGMA application_id") != ApplicationId) Execute($"PRAGMA application_id = {ApplicationId}");
    }

    /// <summary>Stores measurements in one transaction; ones already stored are counted as duplicates and left unchanged.</summary>
    public InsertOutcome Insert(IReadOnlyList<LatencyMeasurement> measurements)
    {
        ArgumentNullException.ThrowIfNull(measurements);
        foreach (var m in measurements) Validate(m);
        try
        {
            using var tx = _connection.BeginTransaction(deferred: false);
            using var cmd = _connection.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = """
                INSERT INTO measurements (space, arch, device, batch_size, threads, input_size, runtime,
                                          median_ms, mean_ms, std_ms, repetitions, measured_at, source, min_ms, energy_mj)
                VALUES ($space, $arch, $device, $batch, $threads, $input, $runtime,
                        $median, $mean, $std, $reps, $at, $source, $min, $energy)
                ON CONFLICT DO NOTHING
                """;
            var p = new[] { "$space", "$arch", "$device", "$batch", "$threads", "$input", "$runtime", "$median", "$mean", "$std", "$reps", "$at", "$source", "$min", "$energy" }
                .ToDictionary(n => n, n => cmd.Parameters.Add(new SqliteParameter { ParameterName = n }));
            cmd.Prepare();
            int inserted = 0;
            foreach (var m in measurements)
            {
                p["$space"].Value = m.Space;
                p["$arch"].Value = m.Architecture;
                p["$device"].Value = m.Device;
                p["$batch"].Value = m.Setting.BatchSize;
                p["$threads"].Value = m.Setting.Threads;
                p["$input"].Value = m.Setting.InputSize;
                p["$runtime"].Value = m.Runtime;
                p["$median"].Value = m.MedianMs;
                p["$mean"].Value = (object?)m.MeanMs ?? DBNull.Value;
                p["$std"].Value = (object?)m.StdMs ?? DBNull.Value;
                p["$reps"].Value = (object?)m.Repetitions ?? DBNull.Value;
                p["$at"].Value = m.MeasuredAt.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);
                p["$source"].Value = m.Source;
                p["$min"].Value = (object?)m.MinMs ?? DBNull.Value;
                p["$energy"].Value = (object?)m.EnergyMj ?? DBNull.Value;
                inserted += cmd.ExecuteNonQuery();
            }
            tx.Commit();
            return new InsertOutcome(inserted, measurements.Count - inserted);
        }
        catch (SqliteException e)
        {
            throw new StoreException($"{Path}: write failed, nothing from this batch was stored: {e.Message}", e);
        }
    }

    private static void Validate(LatencyMeasurement m)
    {
        if (string.IsNullOrWhiteSpace(m.Space) || string.IsNullOrWhiteSpace(m.Architecture) || string.IsNullOrWhiteSpace(m.Device))
            throw new UnusableDataException($"measurement needs a space, an architecture and a device (got '{m.Space}', '{m.Architecture}', '{m.Device}')");
        m.Setting.Validated();
        if (!double.IsFinite(m.MedianMs) || m.MedianMs <= 0)
            throw new UnusableDataException($"median latency must be a positive number, got {m.MedianMs} for {m.Device} / {m.Architecture}");
        if (m.MeanMs is double mean && (!double.IsFinite(mean) || mean <= 0))
            throw new UnusableDataException($"mean latency must be a positive number, got {mean} for {m.Device} / {m.Architecture}");
        if (m.MinMs is double min && (!double.IsFinite(min) || min <= 0 || min > m.MedianMs))
            throw new UnusableDataException($"fastest-run latency must be positive and at most the median {m.MedianMs}, got {min} for {m.Device} / {m.Architecture}");
        if (m.StdMs is double std && (!double.IsFinite(std) || std < 0))
            throw new UnusableDataException($"latency standard deviation must be >= 0, got {std} for {m.Device} / {m.Architecture}");
        if (m.EnergyMj is double e && (!double.IsFinite(e) || e <= 0))
            throw new UnusableDataException($"energy per inference must be a positive number, got {e} for {m.Device} / {m.Architecture}");
        if (m.Repetitions is int r && r < 1)
            throw new UnusableDataException($"repetitions must be >= 1, got {r} for {m.Device} / {m.Architecture}");
    }

    /// <summary>Canonical architecture strings already stored for one device and setting.</summary>
    public HashSet<string> StoredArchitectures(string space, string device, MeasurementSetting setting)
    {
        using var cmd = _connection.CreateCommand();
        cmd.CommandText = "SELECT arch FROM measurements WHERE space = $s AND device = $d AND batch_size = $b AND threads = $t AND input_size = $i";
        Bind(cmd, space, device, setting);
        var set = new HashSet<string>(StringComparer.Ordinal);
        using var r = Read(cmd);
        while (r.Read()) set.Add(r.GetString(0));
        return set;
    }

    /// <summary>Whether one measurement is stored.</summary>
    public bool Contains(string space, string architecture, string device, MeasurementSetting setting)
    {
        using var cmd = _connection.CreateCommand();
        cmd.CommandText = "SELECT 1 FROM measurements WHERE space = $s AND device = $d AND batch_size = $b AND threads = $t AND input_size = $i AND arch = $a";
        Bind(cmd, space, device, setting);
        cmd.Parameters.AddWithValue("$a", architecture);
        using var r = Read(cmd);
        return r.Read();
    }

    /// <summary>All measurements, optionally of one space and/or device, in insertion order.</summary>
    public IReadOnlyList<LatencyMeasurement> Query(string? space = null, string? device = null) => [.. Stream(space, device)];

    /// <summary>The measurements of <see cref="Query"/>, in the same order, read one at a time (exports never hold them all).</summary>
    public IEnumerable<LatencyMeasurement> Stream(string? space = null, string? device = null)
    {
        using var cmd = _connection.CreateCommand();
        cmd.CommandText = """
            SELECT space, arch, device, batch_size, threads, input_size, runtime, median_ms, mean_ms, std_ms,
                   repetitions, measured_at, source, min_ms, energy_mj
            FROM measurements WHERE ($s IS NULL OR space = $s) AND ($d IS NULL OR device = $d) ORDER BY id
            """;
        cmd.Parameters.AddWithValue("$s", (object?)space ?? DBNull.Value);
        cmd.Parameters.AddWithValue("$d", (object?)device ?? DBNull.Value);
        using var r = Read(cmd);
        while (r.Read())
            yield return new LatencyMeasurement(
                r.GetString(0), r.GetString(1), r.GetString(2),
                new MeasurementSetting(r.GetInt32(3), r.GetInt32(4), r.GetInt32(5)),
                r.GetString(6), r.GetDouble(7),
                r.IsDBNull(8) ? null : r.GetDouble(8),
                r.IsDBNull(9) ? null : r.GetDouble(9),
                r.IsDBNull(10) ? null : r.GetInt32(10),
                DateTimeOffset.Parse(r.GetString(11), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
                r.GetString(12),
                r.IsDBNull(13) ? null : r.GetDouble(13),
                r.IsDBNull(14) ? null : r.GetDouble(14));
    }

    /// <summary>Number of stored measurements.</summary>
    public long Count => Scalar<long>("SELECT COUNT(*) FROM measurements");

    private static void Bind(SqliteCommand cmd, string space, string device, MeasurementSetting setting)
    {
        cmd.Parameters.AddWithValue("$s", space);
        cmd.Parameters.AddWithValue("$d", device);
        cmd.Parameters.AddWithValue("$b", setting.BatchSize);
        cmd.Parameters.AddWithValue("$t", setting.Threads);
        cmd.Parameters.AddWithValue("$i", setting.InputSize);
    }

    private SqliteDataReader Read(SqliteCommand cmd)
    {
        try { return cmd.ExecuteReader(); }
        catch (SqliteException e) { throw new StoreException($"{Path}: read failed: {e.Message}", e); }
    }

    private void Execute(string sql, SqliteTransaction? tx = null)
    {
        using var cmd = _connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    private T Scalar<T>(string sql, SqliteTransaction? tx = null)
    {
        using var cmd = _connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        return (T)Convert.ChangeType(cmd.ExecuteScalar()!, typeof(T), CultureInfo.InvariantCulture);
    }

    public void Dispose() => _connection.Dispose();
}

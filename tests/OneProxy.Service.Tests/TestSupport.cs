using System.Diagnostics;
using Npgsql;

namespace OneProxy.Service.Tests;

/// <summary>A clock the tests move by hand, so lease expiry is tested without sleeping.</summary>
public sealed class ManualTime(DateTimeOffset start) : TimeProvider
{
    private long _ticks = start.UtcTicks;
    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);
    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}

public static class Repo
{
    public static string Root
    {
        get
        {
            var d = new DirectoryInfo(AppContext.BaseDirectory);
            while (d is not null && !File.Exists(Path.Combine(d.FullName, "OneProxy.sln"))) d = d.Parent;
            return d?.FullName ?? throw new InvalidOperationException($"no OneProxy.sln above {AppContext.BaseDirectory}");
        }
    }

    public static string TempPath(string name) => Path.Combine(Path.GetTempPath(), $"oneproxy-svc-{Environment.ProcessId}-{Guid.NewGuid():N}-{name}");
}

/// <summary>
/// One PostgreSQL server for the whole test run: $ONEPROXY_TEST_PG (set by .ci/run), or else a
/// throwaway cluster started here with scripts/pg-throwaway.sh and stopped when the run ends.
/// If neither works the PostgreSQL tests fail with the reason: they never skip silently.
/// Each test gets its own schema, so tests do not see each other's rows.
/// </summary>
public sealed class PostgresServer : IDisposable
{
    private readonly string? _dir;
    private readonly string? _error;
    private readonly string? _connection;

    public PostgresServer()
    {
        _connection = Environment.GetEnvironmentVariable("ONEPROXY_TEST_PG");
        if (!string.IsNullOrWhiteSpace(_connection)) return;
        _dir = Repo.TempPath("pg");
        var script = Path.Combine(Repo.Root, "scripts", "pg-throwaway.sh");
        var psi = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(script);
        psi.ArgumentList.Add("start");
        psi.ArgumentList.Add(_dir);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(60_000)) { p.Kill(true); _error = "scripts/pg-throwaway.sh did not finish in 60 s"; return; }
        if (p.ExitCode != 0) _error = $"ONEPROXY_TEST_PG is not set and scripts/pg-throwaway.sh could not start PostgreSQL (exit {p.ExitCode}): {stderr.Result.Trim()}";
        else _connection = stdout.Result.Trim();
    }

    /// <summary>A connection string into a fresh schema of its own.</summary>
    public string NewSchema()
    {
        if (_connection is null) Assert.Fail("PostgreSQL tests cannot run: " + _error);
        string schema = "t_" + Guid.NewGuid().ToString("N")[..12];
        using (var c = new NpgsqlConnection(_connection))
        {
            c.Open();
            using var cmd = new NpgsqlCommand($"CREATE SCHEMA {schema}", c);
            cmd.ExecuteNonQuery();
        }
        return new NpgsqlConnectionStringBuilder(_connection) { SearchPath = schema }.ToString();
    }

    public void Dispose()
    {
        if (_dir is null || _error is not null && !Directory.Exists(_dir)) return;
        using var p = Process.Start("bash", [Path.Combine(Repo.Root, "scripts", "pg-throwaway.sh"), "stop", _dir]);
        p.WaitForExit(30_000);
    }
}

[CollectionDefinition("postgres")]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>;

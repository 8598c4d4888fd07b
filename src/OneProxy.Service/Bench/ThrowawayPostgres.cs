using System.Diagnostics;

namespace OneProxy.Service.Bench;

/// <summary>scripts/pg-throwaway.sh from C#: a loopback PostgreSQL cluster in a temporary folder, removed on dispose.</summary>
public sealed class ThrowawayPostgres : IDisposable
{
    private readonly string _script;
    private readonly string _dir;

    private ThrowawayPostgres(string script, string dir, string connection) { _script = script; _dir = dir; ConnectionString = connection; }

    public string ConnectionString { get; }

    /// <summary>The server's main process (postmaster), whose process tree is the database's CPU.</summary>
    public int ServerPid => int.Parse(File.ReadLines(Path.Combine(_dir, "data", "postmaster.pid")).First(), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Finds the script above <paramref name="from"/> (the repository) and starts a cluster.</summary>
    /// <param name="statementStats">Preload pg_stat_statements (statement counts per job).</param>
    public static ThrowawayPostgres Start(string from, bool statementStats = false)
    {
        string? script = null;
        for (var d = new DirectoryInfo(from); d is not null && script is null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "scripts", "pg-throwaway.sh"))) script = Path.Combine(d.FullName, "scripts", "pg-throwaway.sh");
        if (script is null) throw new FileNotFoundException($"scripts/pg-throwaway.sh not found above {from}; run from the repository or give --store with a connection string");
        var dir = Path.Combine(Path.GetTempPath(), $"oneproxy-pg-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}");
        var (code, stdout, stderr) = Run(script, "start", dir, statementStats);
        if (code != 0) throw new InvalidOperationException($"scripts/pg-throwaway.sh could not start PostgreSQL (exit {code}): {stderr.Trim()}");
        return new ThrowawayPostgres(script, dir, stdout.Trim());
    }

    private static (int, string, string) Run(string script, string verb, string dir, bool statementStats = false)
    {
        var psi = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        if (statementStats) psi.Environment["ONEPROXY_PG_STATS"] = "1";
        psi.ArgumentList.Add(script);
        psi.ArgumentList.Add(verb);
        psi.ArgumentList.Add(dir);
        using var p = Process.Start(psi)!;
        var o = p.StandardOutput.ReadToEndAsync();
        var e = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(120_000)) { p.Kill(true); return (-1, "", "timed out after 120 s"); }
        return (p.ExitCode, o.Result, e.Result);
    }

    public void Dispose() => Run(_script, "stop", _dir);
}

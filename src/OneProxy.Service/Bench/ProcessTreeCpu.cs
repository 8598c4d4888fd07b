using System.Globalization;

namespace OneProxy.Service.Bench;

/// <summary>
/// CPU seconds of a process and its children from Linux /proc: the root's own time, the time of
/// its children that exited (cutime, cstime: PostgreSQL backends of a killed replica's closed
/// connections) and the time of its live children. Used for the database server's CPU, whose
/// backends are children of the postmaster.
/// </summary>
public static class ProcessTreeCpu
{
    public static double Seconds(int rootPid)
    {
        double ticks = 0;
        var root = Stat(rootPid) ?? throw new InvalidOperationException($"no process {rootPid}");
        ticks += root.Utime + root.Stime + root.Cutime + root.Cstime;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out int pid) || pid == rootPid) continue;
            if (Stat(pid) is { } s && s.Ppid == rootPid) ticks += s.Utime + s.Stime;
        }
        return ticks / TicksPerSecond;
    }

    /// <summary>USER_HZ: 100 on every Linux architecture .NET runs on (sysconf(_SC_CLK_TCK)).</summary>
    private const double TicksPerSecond = 100;

    private sealed record ProcStat(int Ppid, long Utime, long Stime, long Cutime, long Cstime);

    private static ProcStat? Stat(int pid)
    {
        string text;
        try { text = File.ReadAllText($"/proc/{pid}/stat"); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; } // exited meanwhile
        // Fields after the command name, which is in parentheses and may contain spaces: state ppid ... utime(14) stime(15) cutime(16) cstime(17).
        var f = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        long L(int field) => long.Parse(f[field - 3], CultureInfo.InvariantCulture);
        return new ProcStat((int)L(4), L(14), L(15), L(16), L(17));
    }
}

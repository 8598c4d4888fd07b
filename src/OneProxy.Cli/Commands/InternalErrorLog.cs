namespace OneProxy.Cli.Commands;

/// <summary>Where a bug's stack trace goes instead of the console: a file under the temp folder (or $ONEPROXY_LOG_DIR).</summary>
public static class InternalErrorLog
{
    public static string Write(Exception e)
    {
        try
        {
            var dir = Environment.GetEnvironmentVariable("ONEPROXY_LOG_DIR") is { Length: > 0 } d ? d : Path.Combine(Path.GetTempPath(), "oneproxy-logs");
            Directory.CreateDirectory(dir);
            var path = Path.Combine(dir, $"internal-{DateTime.UtcNow:yyyyMMddTHHmmss}-{Environment.ProcessId}.log");
            File.WriteAllText(path, $"{DateTime.UtcNow:O} oneproxy {string.Join(' ', Environment.GetCommandLineArgs().Skip(1))}\n{e}\n");
            return path;
        }
        catch (IOException) { return "log not written: " + Path.GetTempPath() + " not writable"; }
        catch (UnauthorizedAccessException) { return "log not written: " + Path.GetTempPath() + " not writable"; }
    }
}

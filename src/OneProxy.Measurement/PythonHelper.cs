using System.Diagnostics;

namespace OneProxy.Measurement;

/// <summary>
/// Runs <c>scripts/oneproxy_import.py</c> (the converter for pickle and torch.save files) with an
/// argument list, never through a shell, so a file name cannot become a command. The script is
/// found from the working folder upwards (a checkout) or beside the program (an installed tool).
/// A non-zero exit raises <see cref="UnusableDataException"/> with the script's one-line reason.
/// </summary>
public static class PythonHelper
{
    public const string RelativePath = "scripts/oneproxy_import.py";
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(10);

    public static string Python => BundledFile.Python;

    public static string Locate() => BundledFile.Find(RelativePath) ?? throw new UnusableDataException($"the converter {RelativePath} was not found above {Directory.GetCurrentDirectory()} or beside the program");

    /// <summary>Runs the helper; returns its stdout (one JSON summary line).</summary>
    public static string Run(IReadOnlyList<string> arguments, TimeSpan? timeout = null, CancellationToken cancel = default)
    {
        var psi = new ProcessStartInfo(Python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add(Locate());
        foreach (var a in arguments) psi.ArgumentList.Add(a);
        using var p = new Process { StartInfo = psi };
        try { p.Start(); }
        catch (System.ComponentModel.Win32Exception e) { throw new UnusableDataException($"cannot start {Python} for {RelativePath}: {e.Message} (set ONEPROXY_PYTHON)"); }
        var stdout = p.StandardOutput.ReadToEndAsync(cancel);
        var stderr = p.StandardError.ReadToEndAsync(cancel);
        using (cancel.Register(() => Kill(p)))
            if (!p.WaitForExit(timeout ?? DefaultTimeout))
            {
                Kill(p);
                throw new UnusableDataException($"{RelativePath} did not finish within {(timeout ?? DefaultTimeout).TotalMinutes:0} minutes");
            }
        p.WaitForExit();
        cancel.ThrowIfCancellationRequested();
        string err = stderr.GetAwaiter().GetResult().Trim();
        if (p.ExitCode != 0)
        {
            var last = err.Split('\n').LastOrDefault(l => l.Trim().Length > 0)?.Trim() ?? $"exit code {p.ExitCode}";
            throw new UnusableDataException(last.StartsWith("oneproxy_import:", StringComparison.Ordinal) ? last : $"{RelativePath} failed: {last}");
        }
        return stdout.GetAwaiter().GetResult().Trim();
    }

    private static void Kill(Process p)
    {
        try { if (!p.HasExited) p.Kill(entireProcessTree: true); }
        catch (InvalidOperationException) { /* exited meanwhile */ }
    }
}

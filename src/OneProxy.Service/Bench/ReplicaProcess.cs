using System.Diagnostics;

namespace OneProxy.Service.Bench;

/// <summary>
/// A `serve` child process on 127.0.0.1: started, its address read from its first output line, its
/// peak memory read from /proc, killed. Its stderr goes whole to a log file (when given), so a
/// replica that exits on its own during a run leaves its reason behind.
/// </summary>
public sealed class ReplicaProcess : IDisposable
{
    private readonly Process _process;
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _tail;
    private double _peakMb, _cpuSeconds;

    private ReplicaProcess(Process p, string url, System.Collections.Concurrent.ConcurrentQueue<string> tail, string? logPath)
    {
        _process = p; Url = url; _tail = tail; LogPath = logPath;
    }

    public string Url { get; }
    public bool Killed { get; private set; }

    /// <summary>Where the replica's whole stderr is written, or null (then only its last lines are kept).</summary>
    public string? LogPath { get; }

    /// <param name="logPath">File for the replica's whole stderr (created; null: keep only the last 20 lines).</param>
    public static async Task<ReplicaProcess> StartAsync(ProcessStartInfo psi, TimeSpan startTimeout, CancellationToken ct, string? logPath = null)
    {
        psi.RedirectStandardOutput = true;
        psi.RedirectStandardError = true;
        psi.UseShellExecute = false;
        var p = Process.Start(psi) ?? throw new InvalidOperationException($"cannot start {psi.FileName}");
        var stderr = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var file = logPath is null ? null : TextWriter.Synchronized(new StreamWriter(logPath, append: false) { AutoFlush = true });
        p.ErrorDataReceived += (sender, e) =>
        {
            if (e.Data is null) { file?.Dispose(); return; } // end of the stream: the process has exited
            file?.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} {e.Data}");
            stderr.Enqueue(e.Data);
            while (stderr.Count > 20) stderr.TryDequeue(out _);
        };
        p.BeginErrorReadLine();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(startTimeout);
        try
        {
            while (await p.StandardOutput.ReadLineAsync(cts.Token) is string line)
                if (line.StartsWith("listening on ", StringComparison.Ordinal))
                {
                    _ = DrainAsync(p.StandardOutput, file, stderr); // keep draining; anything after the address line is kept like stderr
                    return new ReplicaProcess(p, line["listening on ".Length..].Trim(), stderr, logPath);
                }
        }
        catch (OperationCanceledException) { /* reported below */ }
        if (!p.HasExited) p.Kill(true);
        throw new InvalidOperationException($"serve replica did not start within {startTimeout.TotalSeconds:0} s: {string.Join(" | ", stderr)}");
    }

    private static async Task DrainAsync(StreamReader stdout, TextWriter? file, System.Collections.Concurrent.ConcurrentQueue<string> tail)
    {
        while (await stdout.ReadLineAsync(CancellationToken.None) is string line)
        {
            try { file?.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} [stdout] {line}"); }
            catch (ObjectDisposedException) { /* stderr ended first and closed the file */ }
            tail.Enqueue("[stdout] " + line);
            while (tail.Count > 20) tail.TryDequeue(out _);
        }
    }

    /// <summary>Samples the kernel's peak resident set (VmHWM) while the process lives.</summary>
    public double PeakRssMb()
    {
        try
        {
            if (!_process.HasExited)
            {
                _peakMb = Math.Max(_peakMb, ReadHwmMb(_process.Id));
                _cpuSeconds = _process.TotalProcessorTime.TotalSeconds;
            }
        }
        catch (Exception e) when (e is IOException or InvalidOperationException) { /* exited between the check and the read */ }
        return _peakMb;
    }

    /// <summary>CPU seconds (user + system) the process had used at the last sample (<see cref="PeakRssMb"/> samples both).</summary>
    public double CpuSeconds => _cpuSeconds;

    public static double ReadHwmMb(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                return double.Parse(line[6..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) / 1024.0;
        return 0;
    }

    /// <summary>
    /// Null while the replica runs or when the benchmark killed it; otherwise how it ended on its
    /// own (exit code and its last stderr lines): a replica must not exit during a run.
    /// </summary>
    public string? UnexpectedExit()
    {
        if (Killed || !_process.HasExited) return null;
        return $"exited on its own with code {_process.ExitCode}; last stderr lines: {string.Join(" | ", _tail)}";
    }

    /// <summary>SIGKILL: no drain, no lease given back: what a crashed host looks like.</summary>
    public void Kill()
    {
        PeakRssMb();
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit(10_000);
        Killed = true;
    }

    public void Dispose()
    {
        if (!_process.HasExited) Kill();
        _process.Dispose();
    }
}

using System.Diagnostics;

namespace OneProxy.Service.Bench;

/// <summary>A `serve` child process on 127.0.0.1: started, its address read from its first output line, its peak memory read from /proc, killed.</summary>
public sealed class ReplicaProcess : IDisposable
{
    private readonly Process _process;
    private double _peakMb, _cpuSeconds;

    private ReplicaProcess(Process p, string url) { _process = p; Url = url; }

    public string Url { get; }
    public bool Killed { get; private set; }

    public static async Task<ReplicaProcess> StartAsync(ProcessStartInfo psi, TimeSpan startTimeout, CancellationToken ct)
    {
        psi.RedirectStandardOutput = true;
        psi.RedirectStandardError = true;
        psi.UseShellExecute = false;
        var p = Process.Start(psi) ?? throw new InvalidOperationException($"cannot start {psi.FileName}");
        var stderr = new System.Collections.Concurrent.ConcurrentQueue<string>();
        p.ErrorDataReceived += (sender, e) => { if (e.Data is not null) { stderr.Enqueue(e.Data); while (stderr.Count > 20) stderr.TryDequeue(out _); } };
        p.BeginErrorReadLine();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(startTimeout);
        try
        {
            while (await p.StandardOutput.ReadLineAsync(cts.Token) is string line)
                if (line.StartsWith("listening on ", StringComparison.Ordinal))
                {
                    _ = p.StandardOutput.ReadToEndAsync(CancellationToken.None); // keep draining
                    return new ReplicaProcess(p, line["listening on ".Length..].Trim());
                }
        }
        catch (OperationCanceledException) { /* reported below */ }
        if (!p.HasExited) p.Kill(true);
        throw new InvalidOperationException($"serve replica did not start within {startTimeout.TotalSeconds:0} s: {string.Join(" | ", stderr)}");
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

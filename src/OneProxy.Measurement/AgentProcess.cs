using System.Collections.Concurrent;
using System.Diagnostics;

namespace OneProxy.Measurement;

/// <summary>
/// One running agent process: writes architectures to its stdin, reads result lines from its
/// stdout with a deadline, and keeps the tail of its stderr for error messages. A crash, a hang
/// past the deadline or a garbled line kills the process tree and raises
/// <see cref="AgentProtocolException"/>.
/// </summary>
public sealed class AgentProcess : IDisposable
{
    private const int StderrLinesKept = 15;
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _stderr = new();
    private readonly string _name;
    private long _line;

    private AgentProcess(Process process, string name)
    {
        _process = process;
        _name = name;
    }

    /// <summary>Starts <paramref name="commandLine"/> through /bin/sh.</summary>
    public static AgentProcess Start(string commandLine, bool closeStdin = false)
    {
        var psi = new ProcessStartInfo("/bin/sh")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(commandLine);
        psi.Environment["PYTHONUNBUFFERED"] = "1";
        var p = new Process { StartInfo = psi };
        var agent = new AgentProcess(p, "agent");
        p.ErrorDataReceived += (sender, e) =>
        {
            if (e.Data is null) return;
            agent._stderr.Enqueue(e.Data);
            while (agent._stderr.Count > StderrLinesKept) agent._stderr.TryDequeue(out _);
        };
        try
        {
            p.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new AgentProtocolException($"cannot start the agent '{commandLine}': {e.Message}");
        }
        p.BeginErrorReadLine();
        if (closeStdin) p.StandardInput.Close();
        return agent;
    }

    /// <summary>Sends one architecture (streaming agents).</summary>
    public void Send(string architecture)
    {
        try
        {
            _process.StandardInput.WriteLine(architecture);
            _process.StandardInput.Flush();
        }
        catch (IOException)
        {
            throw Crashed(architecture);
        }
    }

    /// <summary>The next report for <paramref name="architecture"/>, waiting at most <paramref name="timeout"/>.</summary>
    public AgentReport NextReport(string architecture, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (true)
        {
            string? line;
            try
            {
                line = _process.StandardOutput.ReadLineAsync(cts.Token).AsTask().GetAwaiter().GetResult();
            }
            catch (OperationCanceledException)
            {
                Kill();
                throw new AgentProtocolException($"agent timed out: no result within {timeout.TotalSeconds:0.#} s for {architecture}{StderrTail()}");
            }
            if (line is null) throw Crashed(architecture);
            _line++;
            AgentReport? report;
            try
            {
                report = AgentOutputParser.Parse(line, _name + " output", _line);
            }
            catch (AgentProtocolException)
            {
                Kill();
                throw;
            }
            if (report is not null) return report;
        }
    }

    private AgentProtocolException Crashed(string architecture)
    {
        string how;
        if (_process.WaitForExit(5000))
        {
            _process.WaitForExit(); // drains the stderr reader
            how = $"exited with code {_process.ExitCode}";
        }
        else
        {
            Kill();
            how = "closed its output";
        }
        return new AgentProtocolException($"agent {how} before reporting {architecture}{StderrTail()}");
    }

    private string StderrTail() =>
        _stderr.IsEmpty ? "" : $"; agent stderr ends with:{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", _stderr);

    /// <summary>Closes stdin and waits for a clean exit; kills the process if it does not leave in time.</summary>
    public void Finish(TimeSpan grace)
    {
        try { _process.StandardInput.Close(); } catch (IOException) { /* already gone: nothing to close */ }
        if (!_process.WaitForExit((int)grace.TotalMilliseconds)) Kill();
    }

    private void Kill()
    {
        try { if (!_process.HasExited) _process.Kill(entireProcessTree: true); }
        catch (InvalidOperationException) { /* exited between the check and the kill */ }
        _process.WaitForExit(5000);
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }
}

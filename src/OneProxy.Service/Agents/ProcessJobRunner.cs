using OneProxy.Measurement;
using OneProxy.Service.Api;

namespace OneProxy.Service.Agents;

/// <summary>
/// Runs jobs through the existing agent protocol (<see cref="AgentCommand"/>, <see cref="AgentProcess"/>):
/// a streaming agent is started once per (space, setting) and fed one architecture per job; a
/// template with {arch} starts one process per job. A crash or timeout throws
/// <see cref="AgentProtocolException"/>, and the streaming agent is restarted for the next job.
/// </summary>
public sealed class ProcessJobRunner(AgentCommand command, TimeSpan timeout, int warmup = 10, int runs = 50) : IJobRunner
{
    private AgentProcess? _process;
    private string? _processKey;

    public Task<Measured> RunAsync(JobDto job, CancellationToken ct) => Task.Run(() => Run(job), ct);

    private Measured Run(JobDto job)
    {
        var setting = new MeasurementSetting(job.BatchSize, job.Threads, job.InputSize);
        AgentReport report;
        if (command.PerArchitecture)
        {
            using var one = AgentProcess.Start(command.Render(job.Space, setting, warmup, runs, job.Arch), closeStdin: true);
            report = one.NextReport(job.Arch, timeout);
        }
        else
        {
            string key = $"{job.Space}/{setting.Label}";
            if (_processKey != key) { _process?.Dispose(); _process = AgentProcess.Start(command.Render(job.Space, setting, warmup, runs)); _processKey = key; }
            try
            {
                _process!.Send(job.Arch);
                report = _process.NextReport(job.Arch, timeout);
            }
            catch (AgentProtocolException)
            {
                _process?.Dispose();
                _process = null;
                _processKey = null;
                throw;
            }
        }
        return report switch
        {
            AgentMeasurement m when setting.Conflict(m.BatchSize, m.Threads, m.InputSize) is string conflict =>
                throw new AgentProtocolException($"agent {conflict} for {job.Arch}"),
            AgentMeasurement m => new Measured(m.MedianMs, m.MinMs, m.Runtime, m.EnergyMj),
            AgentFailure f => throw new AgentProtocolException($"agent could not measure {job.Arch}: {f.Error}"),
            _ => throw new AgentProtocolException($"agent sent an unknown report for {job.Arch}"),
        };
    }

    public void Dispose()
    {
        _process?.Finish(TimeSpan.FromSeconds(5));
        _process?.Dispose();
    }
}

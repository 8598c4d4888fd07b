using OneProxy.Service.Api;

namespace OneProxy.Service.Agents;

/// <summary>A measured latency (and energy per inference where the agent could read a counter), as an agent reports it.</summary>
public sealed record Measured(double MedianMs, double? MinMs, string? Runtime, double? EnergyMj = null);

/// <summary>Measures one leased job: a device agent process, or (benchmarks) a recorded latency replayed in-process.</summary>
public interface IJobRunner : IDisposable
{
    Task<Measured> RunAsync(JobDto job, CancellationToken ct);
}

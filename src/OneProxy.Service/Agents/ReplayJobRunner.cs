using OneProxy.Devices;
using OneProxy.SearchSpaces;
using OneProxy.Service.Api;

namespace OneProxy.Service.Agents;

/// <summary>
/// A simulated device for load tests: answers from a recorded dataset column through the
/// library's <see cref="RecordedDevice"/>, in-process (thousands of simulated devices cannot each
/// be a fake-agent process on a 2-core machine). Optional fixed delay stands for measuring time.
/// </summary>
public sealed class ReplayJobRunner(ISearchSpace space, IReadOnlyDictionary<string, RecordedDevice> byDevice, TimeSpan delay) : IJobRunner
{
    public async Task<Measured> RunAsync(JobDto job, CancellationToken ct)
    {
        if (delay > TimeSpan.Zero) await Task.Delay(delay, ct);
        if (!byDevice.TryGetValue(job.Device, out var recording))
            throw new OneProxy.Measurement.AgentProtocolException($"no recording for device '{job.Device}'");
        return new Measured(recording.MeasureMs(space.Parse(job.Arch)), null, "replay:" + recording.Name);
    }

    public void Dispose() { }
}

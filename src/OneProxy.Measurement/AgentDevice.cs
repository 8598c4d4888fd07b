using OneProxy.Devices;
using OneProxy.SearchSpaces;

namespace OneProxy.Measurement;

/// <summary>
/// A real device as an <see cref="ILatencyDevice"/>: each request runs the agent through a
/// <see cref="MeasurementRun"/> (so every measurement lands in the store the moment it arrives,
/// and a repeated request is answered from the store without measuring again), then reads the
/// stored median back. This is what lets Algorithm 5 and the incremental adaptation loop drive
/// a physical device exactly as they drive a recorded one.
/// </summary>
public sealed class AgentDevice(MeasurementStore store, ISearchSpace space, AgentCommand agent, MeasureOptions options) : ILatencyDevice
{
    private readonly MeasureOptions _options = options.Validated();

    public string Name => _options.Device;

    /// <summary>Requests answered (each call of <see cref="MeasureMs"/> counts, as for a recorded device).</summary>
    public int Measurements { get; private set; }

    /// <summary>Architectures the agent actually ran (requests already in the store cost nothing).</summary>
    public int AgentRuns { get; private set; }

    public double MeasureMs(Architecture architecture)
    {
        var text = space.Format(architecture);
        var summary = new MeasurementRun(store, space, agent, _options).Run([architecture]);
        AgentRuns += summary.Measured;
        if (summary.Failures.Count > 0)
            throw new AgentProtocolException($"device '{Name}' could not run {text}: {summary.Failures[0].Error}");
        var row = store.Query(space.Name, Name).LastOrDefault(m => m.Setting == _options.Setting && m.Architecture == text)
            ?? throw new AgentProtocolException($"device '{Name}': no stored measurement for {text} after the agent ran");
        Measurements++;
        return row.MedianMs;
    }
}

using OneProxy.SearchSpaces;

namespace OneProxy.Devices;

/// <summary>Anything that can measure an architecture's latency: a recorded dataset column or a real device.</summary>
public interface ILatencyDevice
{
    string Name { get; }

    /// <summary>Target measurements made so far (each call of <see cref="MeasureMs"/> counts).</summary>
    int Measurements { get; }

    /// <summary>Measures one architecture; throws if the device cannot.</summary>
    double MeasureMs(Architecture architecture);
}

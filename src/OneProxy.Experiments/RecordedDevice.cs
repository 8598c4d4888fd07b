using OneProxy.Data;
using OneProxy.SearchSpaces;

namespace OneProxy.Devices;

/// <summary>
/// A device replayed from a dataset column: answers latency queries from the table and counts
/// every query, so experiments report exactly how many target measurements a method used.
/// </summary>
public sealed class RecordedDevice : ILatencyDevice
{
    private readonly Dictionary<Architecture, double> _latency;
    private int _measurements;

    public RecordedDevice(WideTable table, string column)
    {
        Name = column;
        var archs = table.RequireArchitectures();
        var values = table.Column(column);
        _latency = new Dictionary<Architecture, double>(archs.Count);
        for (int i = 0; i < archs.Count; i++)
            if (!double.IsNaN(values[i])) _latency[archs[i]] = values[i];
        Measurable = _latency.Keys.ToArray();
    }

    public string Name { get; }
    public int Measurements => _measurements;

    /// <summary>Architectures this recording has a value for.</summary>
    public IReadOnlyList<Architecture> Measurable { get; }

    public double MeasureMs(Architecture architecture)
    {
        if (!_latency.TryGetValue(architecture, out var v))
            throw new UnusableDataException($"recorded device '{Name}' has no measurement for architecture {architecture}");
        Interlocked.Increment(ref _measurements);
        return v;
    }
}

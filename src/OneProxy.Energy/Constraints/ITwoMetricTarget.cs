namespace OneProxy.Energy.Constraints;

/// <summary>
/// A target device that reports both latency and energy of a pool design in one measurement
/// (the agent measures both in one run). <see cref="Measurements"/> counts distinct designs
/// measured: a repeat is answered from what was already measured.
/// </summary>
public interface ITwoMetricTarget
{
    string Name { get; }
    (double LatencyMs, double EnergyMj) Measure(int design);
    int Measurements { get; }
}

/// <summary>A target replayed from recorded columns (a measured device, or a cost model's output).</summary>
public sealed class RecordedTwoMetricTarget(string name, IReadOnlyList<double> latency, IReadOnlyList<double> energy) : ITwoMetricTarget
{
    private readonly HashSet<int> _measured = [];

    public string Name { get; } = name;
    public IReadOnlyList<double> Latency { get; } = latency.Count == energy.Count ? latency
        : throw new ArgumentException($"target '{name}': {latency.Count} latencies but {energy.Count} energies");
    public IReadOnlyList<double> Energy { get; } = energy;
    public int Measurements => _measured.Count;

    public (double LatencyMs, double EnergyMj) Measure(int design)
    {
        if ((uint)design >= (uint)Latency.Count) throw new ArgumentOutOfRangeException(nameof(design), $"design {design} is outside the pool of {Latency.Count}");
        _measured.Add(design);
        return (Latency[design], Energy[design]);
    }
}

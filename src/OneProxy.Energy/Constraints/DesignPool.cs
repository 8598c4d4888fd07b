namespace OneProxy.Energy.Constraints;

/// <summary>
/// The designs Eq. (1.7) chooses from, with what is known before any target measurement:
/// predicted accuracy and the proxy's latency and energy. Each quantity is min-max normalised over
/// the pool, so the weights t1, t2 of (1.7) compare like with like (the spec's suggestion 1: raw
/// percent, ms and mJ have unrelated scales).
/// </summary>
public sealed class DesignPool
{
    private readonly double[] _acc, _lat, _energy;

    public DesignPool(IReadOnlyList<string> names, IReadOnlyList<double> accuracy, IReadOnlyList<double> proxyLatency, IReadOnlyList<double> proxyEnergy)
    {
        ArgumentNullException.ThrowIfNull(names);
        int n = names.Count;
        if (n < 1) throw new ArgumentException("the pool needs at least one design");
        if (accuracy.Count != n || proxyLatency.Count != n || proxyEnergy.Count != n)
            throw new ArgumentException($"pool columns differ in length: {n} names, {accuracy.Count} accuracies, {proxyLatency.Count} proxy latencies, {proxyEnergy.Count} proxy energies");
        for (int i = 0; i < n; i++)
            if (!double.IsFinite(accuracy[i]) || !double.IsFinite(proxyLatency[i]) || !double.IsFinite(proxyEnergy[i]))
                throw new ArgumentException($"design {i} ('{names[i]}') has a missing or non-finite value");
        Names = names;
        Accuracy = accuracy;
        _acc = Normalise(accuracy);
        _lat = Normalise(proxyLatency);
        _energy = Normalise(proxyEnergy);
    }

    public IReadOnlyList<string> Names { get; }

    /// <summary>Predicted accuracy (percent), as given.</summary>
    public IReadOnlyList<double> Accuracy { get; }

    public int Count => _acc.Length;

    /// <summary>
    /// x*(t1, t2) of Eq. (1.7): argmin over the pool of -(1 - t1 - t2) acc + t1 lat + t2 energy on
    /// the normalised proxy values; ties go to the lower index, so the answer is deterministic.
    /// </summary>
    public int Solve(double t1, double t2)
    {
        if (!(t1 >= 0) || !(t2 >= 0) || t1 + t2 > 1 + 1e-12)
            throw new ArgumentOutOfRangeException(nameof(t1), $"need t1, t2 >= 0 and t1 + t2 <= 1, got ({t1}, {t2})");
        double wa = 1 - t1 - t2;
        int best = 0;
        double bestF = double.PositiveInfinity;
        for (int i = 0; i < _acc.Length; i++)
        {
            double f = -wa * _acc[i] + t1 * _lat[i] + t2 * _energy[i];
            if (f < bestF) { bestF = f; best = i; }
        }
        return best;
    }

    private static double[] Normalise(IReadOnlyList<double> v)
    {
        double lo = v.Min(), hi = v.Max();
        double span = hi > lo ? hi - lo : 1;
        return v.Select(x => (x - lo) / span).ToArray();
    }
}

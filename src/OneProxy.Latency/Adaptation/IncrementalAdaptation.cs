using OneProxy.Devices;
using OneProxy.Predictors;
using OneProxy.SearchSpaces;

namespace OneProxy.Adaptation;

/// <summary>One round of the loop: how many target measurements so far, and what adaptation made of them.</summary>
public sealed record AdaptationRound(int Measurements, AdaptationMethod Method, double EstimatedSrcc);

/// <summary>Outcome of the loop: the final predictor, every round, and every target measurement spent.</summary>
public sealed record IncrementalResult(AdaptationResult Final, IReadOnlyList<AdaptationRound> Rounds,
    IReadOnlyList<Architecture> Measured, IReadOnlyList<double> LatencyMs, bool ReachedThreshold)
{
    public int TargetMeasurements => Measured.Count;
}

/// <summary>
/// Algorithm 5's adaptation loop (and the text after Eq. 3.3): measure a batch of architectures
/// on the target, adapt, estimate the SRCC by cross-validation on what was measured; stop at
/// the threshold or the budget. The estimate is that of the chosen method, so it is optimistic
/// by the selection among methods; the benchmark (docs/adaptation.md) measures by how much.
/// </summary>
public static class IncrementalAdaptation
{
    /// <param name="pool">Architectures to measure, in the order to measure them (shuffle it with the run's seed).</param>
    public static IncrementalResult Run(ProxyAdapter adapter, ISearchSpace space, ILatencyDevice target,
        IReadOnlyList<Architecture> pool, IncrementalOptions options)
    {
        options.Validate();
        var measured = new List<Architecture>();
        var latency = new List<double>();
        var rounds = new List<AdaptationRound>();
        AdaptationResult? last = null;
        int next = 0;
        int want = Math.Min(options.Budget, Math.Max(options.MinMeasurements, options.BatchSize));
        while (true)
        {
            if (want > pool.Count)
                throw new UnusableDataException($"the pool holds {pool.Count} architectures but {want} measurements were planned; give a larger pool or a smaller budget");
            for (; next < want; next++)
            {
                double v = target.MeasureMs(pool[next]);
                if (!double.IsFinite(v) || v < 0)
                    throw new UnusableDataException($"device '{target.Name}' returned latency {v} for {space.Format(pool[next])}");
                measured.Add(pool[next]);
                latency.Add(v);
            }
            var x = new FeatureMatrix(space, measured);
            last = adapter.AdaptAuto(x, [.. latency], target.Name);
            rounds.Add(new AdaptationRound(measured.Count, last.Method, last.EstimatedSrcc));
            bool reached = last.EstimatedSrcc >= options.Threshold;
            if (reached || measured.Count >= options.Budget)
                return new IncrementalResult(last, rounds, measured, latency, reached);
            want = Math.Min(options.Budget, measured.Count + options.BatchSize);
        }
    }
}

using OneProxy.Accuracy;
using OneProxy.Adaptation;
using OneProxy.Devices;
using OneProxy.Monotonicity;
using OneProxy.Predictors;
using OneProxy.Search;
using OneProxy.SearchSpaces;

namespace OneProxy.Transfer;

/// <summary>
/// Algorithm 5, hardware-aware NAS with one proxy device: measure a small sample on the target,
/// estimate the SRCC with the proxy; if strong, reuse the proxy's Pareto set; otherwise adapt the
/// proxy predictor (every method of <see cref="ProxyAdapter"/>) and search on the adapted one;
/// finally measure candidates on the target and keep the non-dominated ones (Section 3.5.5).
/// When the candidates outnumber the budget left, the ones measured are chosen greedily by
/// predicted hypervolume gain, and the sampled architectures (already measured) compete for free.
/// </summary>
/// <param name="searchPool">When set, the search on the adapted predictor scores only these architectures instead of the
/// whole space: a partial recording (a published subset) can replay nothing else on the target.</param>
/// <param name="encodedSpace">The whole space already encoded with <paramref name="accuracy"/> (shared by every run):
/// the exhaustive search scores it instead of enumerating and encoding the space again (same front).</param>
public sealed class TransferPipeline(ISearchSpace space, LinearPredictor proxy, IReadOnlyList<Candidate> proxyFront,
    ProxyAdapter adapter, IAccuracySource accuracy, TransferOptions options, IReadOnlyList<Architecture>? searchPool = null,
    EncodedPopulation? encodedSpace = null)
{
    private readonly TransferOptions _options = options.Validate();
    private readonly EncodedPopulation? _encoded = encodedSpace is null || (encodedSpace.IsWholeSpace && encodedSpace.Space.Name == space.Name && ReferenceEquals(encodedSpace.Accuracy, accuracy))
        ? encodedSpace
        : throw new ArgumentException($"the encoded population must be the whole {space.Name} space scored with {accuracy.Name}", nameof(encodedSpace));

    /// <param name="samplePool">Architectures the sample is drawn from, in the order to take them (the caller shuffles with its own stream).</param>
    /// <param name="seeds">The run's stream; the search (non-enumerable spaces only) derives "search" from it.</param>
    public TransferResult Run(ILatencyDevice target, IReadOnlyList<Architecture> samplePool, SeedStream seeds)
    {
        int before = target.Measurements;
        var measured = new Dictionary<Architecture, double>();
        double Measure(Architecture a)
        {
            if (measured.TryGetValue(a, out var v)) return v;
            v = target.MeasureMs(a);
            if (!double.IsFinite(v) || v < 0) throw new UnusableDataException($"device '{target.Name}' returned latency {v} for {space.Format(a)}");
            measured[a] = v;
            return v;
        }

        int sampleSize = _options.Adapt ? _options.SampleSize : 0;
        if (samplePool.Count < sampleSize) throw new UnusableDataException($"sample pool has {samplePool.Count} architectures, the sample needs {sampleSize}");
        var sample = samplePool.Take(sampleSize).ToArray();
        var y = sample.Select(Measure).ToArray();
        var x = new FeatureMatrix(space, sample);
        double sampleSrcc = sampleSize >= 2 ? Spearman.Correlation(proxy.PredictAll(x), y) : double.NaN;

        ILatencyModel used = proxy;
        IReadOnlyList<Candidate> candidates = proxyFront;
        AdaptationMethod? method = null;
        double after = double.NaN;
        bool adapted = _options.Adapt && !(sampleSrcc >= _options.SrccThreshold);
        if (adapted)
        {
            (used, method, after, candidates) = AdaptAndSearch(measured, target.Name, seeds);
        }
        int sampleMeasurements = target.Measurements - before;

        int left = _options.Budget - sampleMeasurements;
        if (adapted && _options.RefitEvery > 0)
        {
            int sinceRefit = 0;
            while (left > 0)
            {
                var next = NextByGain(candidates, measured);
                if (next is null) break;
                Measure(next.Architecture);
                left--;
                if (++sinceRefit == _options.RefitEvery && left > 0)
                {
                    sinceRefit = 0;
                    (used, method, after, candidates) = AdaptAndSearch(measured, target.Name, seeds);
                }
            }
        }
        else
        {
            foreach (var c in ChooseToMeasure(candidates, measured.Keys.ToHashSet(), left)) Measure(c.Architecture);
        }
        var known = measured.Keys.ToArray();
        var acc = accuracy.PredictAll(known);
        var truth = known.Select((a, i) => new Candidate(a, measured[a], acc[i])).ToArray();
        return new TransferResult(Pareto.NonDominated(truth), candidates, used, adapted, method, sampleSrcc, after,
            sampleMeasurements, target.Measurements - before - sampleMeasurements);
    }

    private (ILatencyModel, AdaptationMethod?, double, IReadOnlyList<Candidate>) AdaptAndSearch(Dictionary<Architecture, double> measured, string target, SeedStream seeds)
    {
        var archs = measured.Keys.ToArray();
        var result = adapter.AdaptAuto(new FeatureMatrix(space, archs), archs.Select(a => measured[a]).ToArray(), target);
        var scorer = new ArchitectureScorer(space, result.Predictor, accuracy);
        var front = searchPool is not null ? Pareto.NonDominated(scorer.Score(searchPool))
            : _encoded is not null ? _encoded.Front(result.Predictor)
            : space.Size <= 5_000_000
            ? ExhaustiveSearch.Front(scorer)
            : new EvolutionarySearch(scorer, _options.Evolution).Sweep(EvolutionarySearch.EvenTs(_options.SweepPoints), seeds.Derive("search").Int32Seed);
        return (result.Predictor, result.Method, result.EstimatedSrcc, front);
    }

    /// <summary>
    /// The unmeasured candidate whose predicted point adds the most hypervolume to the measured
    /// set (true latencies; the adapted predictor is in the target's milliseconds). Reference:
    /// the slowest candidate and the least accurate one. Ties: the earlier (faster) candidate.
    /// </summary>
    private Candidate? NextByGain(IReadOnlyList<Candidate> candidates, Dictionary<Architecture, double> measured)
    {
        var open = candidates.Where(c => !measured.ContainsKey(c.Architecture)).ToArray();
        if (open.Length == 0) return null;
        double refLat = candidates.Max(c => c.LatencyMs), refAcc = candidates.Min(c => c.AccuracyPercent);
        var known = measured.Keys.ToArray();
        var acc = accuracy.PredictAll(known);
        var lat = known.Select(a => measured[a]).ToList();
        var accs = acc.ToList();
        double hv = Pareto.Hypervolume(lat, accs, refLat, refAcc);
        Candidate? best = null;
        double bestGain = double.NegativeInfinity;
        foreach (var c in open)
        {
            lat.Add(c.LatencyMs);
            accs.Add(c.AccuracyPercent);
            double gain = Pareto.Hypervolume(lat, accs, refLat, refAcc) - hv;
            lat.RemoveAt(lat.Count - 1);
            accs.RemoveAt(accs.Count - 1);
            if (gain > bestGain + 1e-12) { bestGain = gain; best = c; }
        }
        return best;
    }

    /// <summary>All unmeasured candidates if they fit the budget; otherwise a greedy pick by predicted hypervolume gain.</summary>
    public static IReadOnlyList<Candidate> ChooseToMeasure(IReadOnlyList<Candidate> candidates, IReadOnlySet<Architecture> alreadyMeasured, int budget)
    {
        var open = candidates.Where(c => !alreadyMeasured.Contains(c.Architecture)).ToList();
        if (open.Count <= budget) return open;
        if (budget <= 0) return [];
        double refLat = candidates.Max(c => c.LatencyMs), refAcc = candidates.Min(c => c.AccuracyPercent);
        var chosen = new List<Candidate>();
        double hv = 0;
        while (chosen.Count < budget)
        {
            int best = -1;
            double bestGain = double.NegativeInfinity;
            for (int i = 0; i < open.Count; i++)
            {
                double gain = Pareto.Hypervolume([.. chosen, open[i]], refLat, refAcc) - hv;
                if (gain > bestGain + 1e-12) { bestGain = gain; best = i; }
            }
            chosen.Add(open[best]);
            hv += bestGain;
            open.RemoveAt(best);
        }
        return chosen;
    }
}

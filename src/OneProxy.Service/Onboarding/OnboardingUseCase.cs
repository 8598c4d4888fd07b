using OneProxy.Adaptation;
using OneProxy.Monotonicity;
using OneProxy.Predictors;
using OneProxy.SearchSpaces;
using OneProxy.Search;
using OneProxy.Transfer;

namespace OneProxy.Service.Onboarding;

/// <summary>
/// Onboards one device with the library's algorithms, in the order of Algorithm 5: measure a
/// sample and choose the proxy with the highest sampled SRCC; adapt its predictor batch by batch
/// until the cross-validated SRCC target or the adaptation budget (IncrementalAdaptation); then
/// run Algorithm 5 (TransferPipeline) on those measurements, which searches the adapted predictor
/// and spends the rest of the budget pruning the front on the device. Every measurement goes
/// through <see cref="IQueuedDevice"/>; a measurement made before (a restart replaying) is not made again.
/// A restart with a matching <see cref="OnboardingCheckpoint"/> skips the first two steps' computation.
/// </summary>
public static class OnboardingUseCase
{
    /// <param name="resume">Steps 1 and 2's decisions from an earlier attempt (see <see cref="OnboardingCheckpoint.Parse"/>), or null.</param>
    /// <param name="checkpoint">Called once steps 1 and 2 are done (not when resumed from a checkpoint), to save them.</param>
    public static OnboardingOutcome Run(OnboardingContext ctx, IQueuedDevice device, int budget, OnboardingSettings settings, CancellationToken ct,
        OnboardingCheckpoint? resume = null, Action<OnboardingCheckpoint>? checkpoint = null)
    {
        settings.Validate();
        if (budget < settings.ProxySample) throw new ArgumentOutOfRangeException(nameof(budget), budget, $"budget is smaller than the proxy sample {settings.ProxySample}");
        var seeds = new SeedStream(settings.Seed).Derive("onboard/" + device.Name);
        int seed = seeds.Int32Seed;
        // The same order as shuffling a copy of the pool with this seed, held as indices (no copy per pipeline).
        var pool = ctx.ShuffledPool(new Random(seed));

        ProxyAdapter adapter;
        string proxy;
        IReadOnlyDictionary<string, double> srccRounded;
        IReadOnlyList<RoundInfo> rounds;
        int targetMeasurements;
        if (resume is null) (proxy, srccRounded, rounds, targetMeasurements) = ChooseAndAdapt(ctx, device, budget, settings, pool, ct, out adapter, checkpoint);
        else
        {
            adapter = ctx.Adapter(resume.Proxy);
            (proxy, srccRounded, rounds, targetMeasurements) = (resume.Proxy, resume.SampledSrcc, resume.Rounds, resume.TargetMeasurements);
        }

        // 3. Algorithm 5 on the measurements so far (its sample), pruning with the rest of the budget.
        device.BatchOnMiss = null;
        var options = new TransferOptions { SampleSize = targetMeasurements, Budget = budget, RefitEvery = settings.RefitEvery }.Validate();
        var pipeline = new TransferPipeline(ctx.Space, ctx.Predictor(proxy), ctx.ProxyFront(proxy), adapter, ctx.Accuracy, options, encodedSpace: ctx.EncodedSpace);
        var transferSeeds = seeds.Derive("onboarding/transfer");
        var result = settings.RefitEvery == 0 && settings.QueuePruning
            ? OneShot(ctx, device, pipeline, pool, targetMeasurements, transferSeeds)
            : pipeline.Run(device, pool, transferSeeds);

        static double? Finite(double v) => double.IsFinite(v) ? v : null;
        return new OnboardingOutcome(
            proxy,
            srccRounded,
            rounds,
            result.Adapted,
            result.Method is { } m ? ProxyAdapter.MethodName(m) : null,
            Finite(result.SampleSrcc),
            result.TargetMeasurements,
            result.Front.Select(c => new FrontPoint(ctx.Space.Format(c.Architecture), c.LatencyMs, c.AccuracyPercent)).ToArray(),
            result.PredictedCandidates.Select(c => new FrontPoint(ctx.Space.Format(c.Architecture), c.LatencyMs, c.AccuracyPercent)).ToArray(),
            result.PredictorUsed is LinearPredictor lp ? PredictorFile.Serialize(lp, ctx.Space) : null);
    }

    /// <summary>Steps 1 and 2: the proxy by sampled SRCC, then incremental adaptation; their decisions as served (rounded) and checkpointed.</summary>
    private static (string Proxy, IReadOnlyDictionary<string, double> Srcc, IReadOnlyList<RoundInfo> Rounds, int TargetMeasurements) ChooseAndAdapt(
        OnboardingContext ctx, IQueuedDevice device, int budget, OnboardingSettings settings, PoolOrder pool, CancellationToken ct,
        out ProxyAdapter adapter, Action<OnboardingCheckpoint>? checkpoint)
    {
        // 1. Proxy choice from the sampled SRCC with every library device.
        int k = settings.ProxySample;
        var sample = pool.Slice(0, k);
        device.BatchOnMiss = _ => sample;
        var y = sample.Select(device.MeasureMs).ToArray();
        ct.ThrowIfCancellationRequested();
        var srcc = ctx.Library.ToDictionary(d => d, d => Spearman.Correlation(sample.Select(a => ctx.RecordedMs(d, a)).ToArray(), y));
        string proxy = srcc.Where(p => !double.IsNaN(p.Value)).OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => p.Key).FirstOrDefault() ?? throw new InvalidOperationException($"device '{device.Name}': no library device has a defined SRCC on the sample (constant latencies?)");

        // 2. Incremental adaptation: whole rounds are queued at once (their architectures are the pool's next AdaptBatch).
        adapter = ctx.Adapter(proxy);
        int adaptBudget = Math.Min(settings.AdaptBudget, budget);
        device.BatchOnMiss = a =>
        {
            int i = pool.PositionOf(a);
            if (i < k || i >= adaptBudget) return [a];
            int end = Math.Min(adaptBudget, k + ((i - k) / settings.AdaptBatch + 1) * settings.AdaptBatch);
            return pool.Slice(i, end);
        };
        var incremental = IncrementalAdaptation.Run(adapter, ctx.Space, device, pool,
            new IncrementalOptions { BatchSize = settings.AdaptBatch, MinMeasurements = k, Threshold = settings.AdaptThreshold, Budget = adaptBudget });
        ct.ThrowIfCancellationRequested();
        var srccRounded = srcc.Where(p => double.IsFinite(p.Value)).ToDictionary(p => p.Key, p => Math.Round(p.Value, 4));
        var rounds = incremental.Rounds.Select(r => new RoundInfo(r.Measurements, ProxyAdapter.MethodName(r.Method), Math.Round(r.EstimatedSrcc, 4))).ToArray();
        checkpoint?.Invoke(new OnboardingCheckpoint(OnboardingCheckpoint.FingerprintOf(ctx, budget, settings), proxy, srccRounded, rounds, incremental.TargetMeasurements));
        return (proxy, srccRounded, rounds, incremental.TargetMeasurements);
    }

    /// <summary>
    /// Algorithm 5 with one-shot pruning, its pruning measurements queued together: a dry run on
    /// <see cref="DeferringDevice"/> names them, they are queued at once and waited for, and the
    /// front is the non-dominated set of every requested design with its measured latency (what
    /// the pipeline computes). If a placeholder reached the sample (it cannot when the sample was
    /// measured before), the pipeline runs again waiting for each measurement.
    /// </summary>
    private static TransferResult OneShot(OnboardingContext ctx, IQueuedDevice device, TransferPipeline pipeline, PoolOrder pool, int sampleSize, SeedStream seeds)
    {
        var dry = new DeferringDevice(device);
        var result = pipeline.Run(dry, pool, seeds);
        if (dry.Deferred.Count == 0) return result;
        var sample = pool.Slice(0, Math.Min(sampleSize, pool.Count)).ToHashSet();
        if (dry.Deferred.Any(sample.Contains)) return pipeline.Run(device, pool, seeds);
        device.Queue(dry.Deferred);
        var requested = dry.Requested.Distinct().ToArray();
        var latency = new double[requested.Length];
        for (int i = 0; i < requested.Length; i++)
        {
            latency[i] = device.MeasureMs(requested[i]);
            if (!double.IsFinite(latency[i]) || latency[i] < 0)
                throw new UnusableDataException($"device '{device.Name}' returned latency {latency[i]} for {ctx.Space.Format(requested[i])}");
        }
        var acc = ctx.Accuracy.PredictAll(requested);
        return result with { Front = Pareto.NonDominated(requested.Select((a, i) => new Candidate(a, latency[i], acc[i])).ToArray()) };
    }
}

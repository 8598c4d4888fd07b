using OneProxy.Accuracy;
using OneProxy.Adaptation;
using OneProxy.Data;
using OneProxy.Devices;
using OneProxy.Monotonicity;
using OneProxy.Predictors;
using OneProxy.Search;
using OneProxy.SearchSpaces;

namespace OneProxy.Transfer;

/// <summary>One target of the transfer benchmark, averaged over seeds (min where it says so).</summary>
public sealed record TransferBenchmarkRow(string Target, int Seeds,
    double SrccBefore, double SrccAfter,
    double HvRatioProxy, double HvRatioAdapted, double MinHvRatioAdapted,
    double HvRatioFlops, double HvRatioPerDevice, int PerDeviceMeasurements,
    double TargetMeasurements, int MaxTargetMeasurements, double AdaptedFraction, int OracleFrontSize,
    double HvRatioAllData, int AllDataMeasurements);

/// <summary>
/// Algorithm 5 on recorded devices of an enumerable space. For each target and seed: the
/// transferred set's hypervolume on the target over that of the target's exhaustive (oracle) front,
/// with adaptation and without (the proxy's own front pruned with the same budget), and two
/// baselines: FLOPs as the latency proxy, and a per-device predictor fitted on many target
/// measurements. Library = every device but the target and the proxy (all characterised already).
/// SRCC before/after is over all of the target's architectures (what the recording can tell).
/// The all-data reference is the best operator-level predictor there is: least squares on every
/// recorded target latency, its whole predicted front measured. Where recorded latencies carry
/// noise the features cannot explain, the oracle front is partly made of lucky measurements,
/// and even this reference falls short of 1.
/// </summary>
public sealed class TransferBenchmark(ISearchSpace space, WideTable latency, IAccuracySource accuracy)
{
    private readonly FeatureMatrix _all = new(space, latency.RequireArchitectures());

    public IReadOnlyList<TransferBenchmarkRow> Run(string proxyDevice, IReadOnlyList<string> targets, int seeds, TransferOptions options,
        int perDeviceSamples = 1000, IProgress<int>? progress = null, CancellationToken cancellation = default)
    {
        var predictors = new CharacterisedDevices(space, latency).Predictors(latency.ColumnNames).ToDictionary(p => p.Device);
        var proxy = predictors[proxyDevice];
        var acc = accuracy.PredictAll(_all.Architectures);
        var proxyFront = Pareto.Front(_all.Architectures, proxy.PredictAll(_all), acc);
        var flopsFront = Pareto.Front(_all.Architectures, new FlopsLatencyModel().PredictAll(_all), acc);
        var rows = new TransferBenchmarkRow[targets.Count];
        int done = 0;
        Parallel.For(0, targets.Count, new ParallelOptions { CancellationToken = cancellation }, ti =>
        {
            var target = targets[ti];
            if (target == proxyDevice) throw new UnusableDataException($"target '{target}' is the proxy");
            var truth = latency.Column(target).ToArray();
            var rowsMeasured = WideTable.MeasuredRows(truth);
            var oracle = Pareto.Front(_all.Architectures, truth, acc);
            var measuredX = _all.SelectRows(rowsMeasured);
            var measuredTruth = rowsMeasured.Select(i => truth[i]).ToArray();
            var library = predictors.Values.Where(p => p.Device != target && p.Device != proxyDevice).ToArray();
            var adapter = new ProxyAdapter(space, proxy, library);
            var noAdapt = new TransferPipeline(space, proxy, proxyFront, adapter, accuracy, options with { Adapt = false });
            var withAdapt = new TransferPipeline(space, proxy, proxyFront, adapter, accuracy, options);
            var flops = new TransferPipeline(space, proxy, flopsFront, adapter, accuracy, options with { Adapt = false });
            var perSeed = new List<(double After, double Proxy, double Adapted, double Flops, double PerDevice, int Measured, bool DidAdapt)>();
            for (int seed = 0; seed < seeds; seed++)
            {
                cancellation.ThrowIfCancellationRequested();
                // Repetition `seed` of this target: its own stream, named, so no two targets or
                // repetitions share one. The three pipelines take the same pool (a paired comparison).
                var run = new SeedStream(seed).Derive("bench-transfer/" + target);
                var pool = rowsMeasured.Select(i => _all.Architectures[i]).ToArray();
                run.Random("pool").Shuffle(pool);
                var a = withAdapt.Run(new RecordedDevice(latency, target), pool, run);
                var p = noAdapt.Run(new RecordedDevice(latency, target), pool, run);
                var f = flops.Run(new RecordedDevice(latency, target), pool, run);
                double after = Spearman.Correlation(a.PredictorUsed.PredictAll(measuredX), measuredTruth);
                double perDevice = PerDeviceBaseline(target, pool.Take(Math.Min(perDeviceSamples, pool.Length)).ToArray(), acc, oracle, options.Budget - options.SampleSize).Ratio;
                perSeed.Add((after, Pareto.HypervolumeRatio(p.Front, oracle), Pareto.HypervolumeRatio(a.Front, oracle),
                    Pareto.HypervolumeRatio(f.Front, oracle), perDevice, a.TargetMeasurements, a.Adapted));
            }
            double before = Spearman.Correlation(proxy.PredictAll(measuredX), measuredTruth);
            var allData = PerDeviceBaseline(target, measuredX.Architectures.ToArray(), acc, oracle, int.MaxValue);
            rows[ti] = new TransferBenchmarkRow(target, seeds, before, perSeed.Average(s => s.After),
                perSeed.Average(s => s.Proxy), perSeed.Average(s => s.Adapted), perSeed.Min(s => s.Adapted),
                perSeed.Average(s => s.Flops), perSeed.Average(s => s.PerDevice), perDeviceSamples,
                perSeed.Average(s => s.Measured), perSeed.Max(s => s.Measured), perSeed.Count(s => s.DidAdapt) / (double)seeds, oracle.Count,
                allData.Ratio, allData.Measured);
            progress?.Report(Interlocked.Increment(ref done));
        });
        return rows;
    }

    /// <summary>The per-device baseline: a least-squares predictor from target measurements of <paramref name="train"/>, its exhaustive front, pruned with <paramref name="pruning"/> more.</summary>
    private (double Ratio, int Measured) PerDeviceBaseline(string target, Architecture[] train, double[] acc, IReadOnlyList<Candidate> oracle, int pruning)
    {
        var device = new RecordedDevice(latency, target);
        var predictor = LinearPredictorFitter.Fit(new FeatureMatrix(space, train), train.Select(device.MeasureMs).ToArray(), target);
        var front = Pareto.Front(_all.Architectures, predictor.PredictAll(_all), acc);
        var chosen = TransferPipeline.ChooseToMeasure(front, new HashSet<Architecture>(), pruning);
        var measured = chosen.Select(c => c with { LatencyMs = device.MeasureMs(c.Architecture) }).ToArray();
        return (Pareto.HypervolumeRatio(Pareto.NonDominated(measured), oracle), measured.Length);
    }
}

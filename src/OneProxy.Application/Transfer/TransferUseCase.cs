using OneProxy.Adaptation;
using OneProxy.Devices;
using OneProxy.Predictors;
using OneProxy.Search;
using OneProxy.Transfer;

namespace OneProxy.Application.Transfer;

/// <summary>
/// Algorithm 5 on a recorded target, and the same pool pruned without adaptation for comparison.
/// Seeds: one stream from the request's seed; the pool shuffle and the pipeline derive their own
/// ("pool", "pipeline") so they are not correlated.
/// </summary>
public static class TransferUseCase
{
    public static TransferReport Run(TransferRequest request, CancellationToken cancellation = default)
    {
        request.Validate();
        var (loaded, acc, notes) = SearchInputs.Load(request.Latency, request.Accuracy);
        var (table, s) = (loaded.Table, loaded.Space);
        string p = request.Proxy, t = request.Target;
        Require.That(table.HasColumn(t), "target", $"{table.Source} has no device column '{t}'");
        var libNames = request.Library is { Count: > 0 } named ? named : table.ColumnNames.Where(c => c != t && c != p).ToArray();
        var characterised = new CharacterisedDevices(s, table);
        var proxyPredictor = characterised.Predictor(p);
        var adapter = new ProxyAdapter(s, proxyPredictor, characterised.Predictors(libNames));
        var coverage = RecordedCoverage.Of(table, s, acc, p, t);
        if (coverage.Note is string partial) notes.Add(partial);
        var all = new FeatureMatrix(s, coverage.Architectures);
        var allAcc = acc.PredictAll(all.Architectures);
        var proxyFront = Pareto.Front(all.Architectures, proxyPredictor.PredictAll(all), allAcc);
        var searchPool = coverage.WholeSpace ? null : coverage.Architectures;
        cancellation.ThrowIfCancellationRequested();

        var seeds = new SeedStream(request.Seed);
        var pool = coverage.Architectures.ToArray(); // what the target replays, with an accuracy (table order, as before)
        seeds.Random("pool").Shuffle(pool);
        var pipelineSeeds = seeds.Derive("pipeline");
        var result = new TransferPipeline(s, proxyPredictor, proxyFront, adapter, acc, request.Options, searchPool).Run(new RecordedDevice(table, t), pool, pipelineSeeds);
        cancellation.ThrowIfCancellationRequested();
        var proxyOnly = new TransferPipeline(s, proxyPredictor, proxyFront, adapter, acc, request.Options with { Adapt = false }, searchPool)
            .Run(new RecordedDevice(table, t), pool, pipelineSeeds);
        var truth = new RecordedDevice(table, t);
        var oracle = Pareto.Front(all.Architectures, all.Architectures.Select(truth.MeasureMs).ToArray(), allAcc);
        return new TransferReport(s, p, t, result, proxyOnly, oracle,
            Pareto.HypervolumeRatio(result.Front, oracle), Pareto.HypervolumeRatio(proxyOnly.Front, oracle), notes, acc is not OneProxy.Accuracy.TableAccuracy);
    }

    /// <summary>What was spent and decided, for a log or a terminal.</summary>
    public static IReadOnlyList<string> Summary(TransferReport r)
    {
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        var x = r.Result;
        return
        [
            string.Create(inv, $"target {r.Target}, proxy {r.Proxy}: sample SRCC {x.SampleSrcc:0.000} on {x.SampleMeasurements} measurements -> ")
                + (x.Adapted ? string.Create(inv, $"adapted ({ProxyAdapter.MethodName(x.Method!.Value)}, estimated SRCC {x.EstimatedSrccAfter:0.000})") : "proxy set reused"),
            string.Create(inv, $"target measurements: {x.TargetMeasurements} ({x.SampleMeasurements} sample + {x.PruningMeasurements} pruning); final set: {x.Front.Count} architectures"),
            string.Create(inv, $"hypervolume vs the recording's oracle front ({r.Oracle.Count} points): transferred {r.HvRatio:0.0000}, proxy set pruned with the same budget {r.HvRatioProxyOnly:0.0000}"),
        ];
    }
}

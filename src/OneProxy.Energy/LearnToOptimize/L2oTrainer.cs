using OneProxy.Learning;

namespace OneProxy.Energy.LearnToOptimize;

/// <summary>What one round of Algorithm 2 did.</summary>
/// <param name="Measured">Distinct designs measured so far (on every training device).</param>
/// <param name="AccuracyMse">Last-epoch training MSE of the accuracy network (percent²).</param>
/// <param name="CostMse">Per metric, last-epoch training MSE of the cost network (in ln units²).</param>
/// <param name="OptimizerLoss">Last-epoch loss of the optimizer network.</param>
/// <param name="TrainGap">Median normalised objective gap of the optimizer's designs on the training pairs.</param>
public sealed record L2oRound(int Round, int Measured, double AccuracyMse, double[] CostMse, double OptimizerLoss, double TrainGap, double Seconds);

/// <summary>The trained networks and what training did.</summary>
public sealed record L2oTrainingResult(PerformanceModels Models, OptimizerNetwork Optimizer, IReadOnlyList<L2oRound> Rounds,
    IReadOnlyList<string> TrainingDevices, int SyntheticDevices, int MeasurementsPerDevice);

/// <summary>
/// Algorithm 2 of the thesis: rounds of (measure X_explore on every training device, refit the
/// accuracy and cost networks, train the optimizer network with them frozen by Method 1 or 2,
/// choose the next X_explore). The thesis leaves the choice of X_explore open (L550); here a later
/// round measures the optimizer's own designs on the training devices (so the performance
/// networks become accurate where the optimizer lands) plus uniform random designs.
/// </summary>
public static class L2oTrainer
{
    public static L2oTrainingResult Train(L2oPool pool, Func<int, double> accuracy, IReadOnlyList<TrainingDevice> devices, IReadOnlyList<string> metrics,
        L2oTrainingOptions options, SeedStream seeds, CancellationToken ct = default, IProgress<int>? roundsDone = null)
    {
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(accuracy);
        ArgumentNullException.ThrowIfNull(devices);
        ArgumentNullException.ThrowIfNull(seeds);
        var o = options.Validated();
        if (devices.Count < 2) throw new InvalidOptionException("devices", $"need at least 2 training devices, got {devices.Count}");
        int m = metrics.Count, f = pool.FeatureCount, d = devices[0].Device.Features.Length;
        foreach (var dev in devices)
            if (dev.Device.Features.Length != d || dev.Device.LogOffsets.Length != m)
                throw new ArgumentException($"device '{dev.Device.Name}' has {dev.Device.Features.Length} features and {dev.Device.LogOffsets.Length} offsets; expected {d} and {m}");
        if (o.ExplorePerRound > pool.Count) throw new InvalidOptionException("explore", $"{o.ExplorePerRound} designs per round but the pool has {pool.Count}");

        var initRng = seeds.Random("l2o/init");
        var acc = PerformanceNetwork.Create("accuracy", f, 0, o.PerformanceHidden, initRng);
        var costs = metrics.Select(name => PerformanceNetwork.Create(name, f, d, o.PerformanceHidden, initRng)).ToArray();
        var models = new PerformanceModels(acc, costs);
        var accAdam = new Adam(acc.Network.ParameterCount, o.PerformanceLearningRate);
        var costAdam = costs.Select(c => new Adam(c.Network.ParameterCount, o.PerformanceLearningRate)).ToArray();
        var optimizer = OptimizerNetwork.Create(pool.Layout, d, m, o.Lambda, o.OptimizerHidden, initRng);
        var optAdam = new Adam(optimizer.Network.ParameterCount, o.Optimizer.LearningRate);
        var synRng = seeds.Random("l2o/synthetic");
        var synthetic = Enumerable.Range(0, o.SyntheticDevices).Select(i =>
        {
            int a = synRng.Next(devices.Count), b = synRng.Next(devices.Count - 1);
            if (b >= a) b++;
            return L2oDevice.Mix($"synthetic{i}", devices[a].Device, devices[b].Device, synRng.NextDouble());
        }).ToArray();

        var measured = new List<int>();
        var seen = new HashSet<int>();
        var accX = new List<double>();
        var accY = new List<double>();
        var costX = new List<double>();
        var costY = Enumerable.Range(0, m).Select(_ => new List<double>()).ToArray();
        var exploreRng = seeds.Random("l2o/explore");
        var trainRng = seeds.Random("l2o/train");
        var lambdaRng = seeds.Random("l2o/lambda");
        var explore = RandomDistinct(pool.Count, o.ExplorePerRound, seen, exploreRng);
        var rounds = new List<L2oRound>();
        var perfOptions = new RegressionTrainingOptions { Epochs = o.PerformanceEpochs, BatchSize = o.PerformanceBatch };
        for (int round = 0; round < o.Iterations; round++)
        {
            ct.ThrowIfCancellationRequested();
            var sw = System.Diagnostics.Stopwatch.StartNew();
            // Measure X_explore: accuracy once, costs on every training device.
            foreach (int x in explore)
            {
                if (!seen.Add(x)) continue;
                measured.Add(x);
                accX.AddRange(pool.Features.AsSpan(x * f, f));
                accY.Add(accuracy(x));
                foreach (var dev in devices)
                {
                    var v = dev.Measure(x);
                    if (v.Length != m) throw new UnusableDataException($"device '{dev.Device.Name}' returned {v.Length} values for {m} metrics");
                    costX.AddRange(pool.Features.AsSpan(x * f, f));
                    costX.AddRange(dev.Device.Features);
                    for (int k = 0; k < m; k++)
                    {
                        if (!(v[k] > 0) || !double.IsFinite(v[k])) throw new UnusableDataException($"device '{dev.Device.Name}': {metrics[k]} of design {x} is {v[k]}; costs must be positive");
                        costY[k].Add(Math.Log(v[k]) - dev.Device.LogOffsets[k]);
                    }
                }
            }
            // Stage 1: refit (warm start; standardisation fixed at the first round).
            var accReport = acc.Fit([.. accX], [.. accY], accY.Count, accAdam, round == 0, perfOptions, trainRng, ct);
            var costX0 = costX.ToArray();
            var costMse = new double[m];
            for (int k = 0; k < m; k++)
                costMse[k] = costs[k].Fit(costX0, [.. costY[k]], costY[k].Count, costAdam[k], round == 0, perfOptions, trainRng, ct).FinalLoss;
            // Stage 2: the optimizer on (D_T ∪ D_S) × Λ_T with the networks frozen.
            var accNorm = models.SetAccuracyScale(pool);
            var scans = devices.Select(dev => dev.Device).Concat(synthetic).Select(dev => DeviceScan.Run(models, pool, accNorm, dev)).ToArray();
            var samples = new List<L2oSample>();
            for (int s = 0; s < scans.Length; s++)
                for (int j = 0; j < o.LambdasPerDevice; j++) samples.Add(new L2oSample(s, o.Lambda.Sample(m, lambdaRng)));
            var training = new OptimizerTraining(optimizer, models, pool, scans, samples, o.Optimizer);
            var losses = training.Train(optAdam, trainRng, ct);
            double gap = Median(samples.Select(s => Gap(scans[s.Scan], pool, optimizer.Design(scans[s.Scan].Device.Features, s.Lambda), s.Lambda)));
            rounds.Add(new L2oRound(round + 1, measured.Count, accReport.FinalLoss, costMse, losses[^1], gap, sw.Elapsed.TotalSeconds));
            roundsDone?.Report(round + 1);
            if (round == o.Iterations - 1) break;
            // Next X_explore: the optimizer's designs on the training devices, then uniform random.
            var next = new List<int>();
            int exploit = (int)Math.Round(o.ExploitShare * o.ExplorePerRound);
            foreach (var s in samples.Where(s => s.Scan < devices.Count).OrderBy(_ => exploreRng.Next()))
            {
                if (next.Count >= exploit) break;
                int x = pool.IndexOf(optimizer.Design(scans[s.Scan].Device.Features, s.Lambda));
                if (x >= 0 && !seen.Contains(x) && !next.Contains(x)) next.Add(x);
            }
            var exclude = new HashSet<int>(seen);
            exclude.UnionWith(next);
            next.AddRange(RandomDistinct(pool.Count, Math.Min(o.ExplorePerRound - next.Count, pool.Count - exclude.Count), exclude, exploreRng));
            explore = next;
        }
        return new L2oTrainingResult(models, optimizer, rounds, devices.Select(x => x.Device.Name).ToArray(), synthetic.Length, measured.Count);
    }

    /// <summary>
    /// Normalised objective gap of design <paramref name="genes"/> on a scanned device:
    /// (f̂(x) − f̂(x*)) / (max f̂ − min f̂) over the pool; 0 = the per-device optimum, 1 = the worst design.
    /// </summary>
    public static double Gap(DeviceScan scan, L2oPool pool, int[] genes, double[] lambda)
    {
        int i = pool.IndexOf(genes);
        if (i < 0) throw new UnusableDataException($"design {string.Join(",", genes)} is not in the pool");
        var (_, min, max) = scan.Optimum(lambda);
        return max > min ? (scan.Objective(i, lambda) - min) / (max - min) : 0;
    }

    private static List<int> RandomDistinct(int n, int count, HashSet<int> exclude, Random rng)
    {
        var result = new List<int>(count);
        var taken = new HashSet<int>(exclude);
        // Rejection sampling is bounded: the caller never asks for more than the pool has left.
        for (int guard = 0; result.Count < count && guard < 100 * (count + 10); guard++)
        {
            int x = rng.Next(n);
            if (taken.Add(x)) result.Add(x);
        }
        return result;
    }

    internal static double Median(IEnumerable<double> values)
    {
        var s = values.OrderBy(v => v).ToArray();
        if (s.Length == 0) return double.NaN;
        return s.Length % 2 == 1 ? s[s.Length / 2] : (s[s.Length / 2 - 1] + s[s.Length / 2]) / 2;
    }
}

namespace OneProxy.Learning;

/// <summary>
/// Fits a one-output <see cref="DenseNetwork"/> by Adam on the weighted squared loss
/// L(θ) = ½ Σ_i w_i (f(x_i; θ) − y_i)² + ½ λ ‖θ − θ_anchor‖² (thesis Eq. 2.3 with sample weights, so that repeated
/// contexts can be stored once with their count and mean target without changing the full-batch gradient).
/// Mini-batch gradients are rescaled by n / batch so every step estimates the same full loss.
/// </summary>
public static class RegressionTrainer
{
    /// <param name="network">Trained in place (its <see cref="DenseNetwork.Parameters"/> change).</param>
    /// <param name="optimizer">Adam over the network's parameters; its state carries on across calls (warm start).</param>
    /// <param name="inputs">count × InputSize values, row by row.</param>
    /// <param name="targets">count targets.</param>
    /// <param name="weights">count non-negative sample weights, or null for all 1.</param>
    /// <param name="count">Number of samples used from the arrays (they may be longer buffers).</param>
    /// <param name="anchor">θ_anchor (length ParameterCount), or null when <see cref="RegressionTrainingOptions.AnchorPenalty"/> is 0.</param>
    public static RegressionTrainingReport Train(DenseNetwork network, Adam optimizer, double[] inputs, double[] targets, double[]? weights, int count,
        double[]? anchor, RegressionTrainingOptions options, Random rng, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(rng);
        options = options.Validated();
        if (network.OutputSize != 1) throw new ArgumentException($"regression trains one output, the network has {network.OutputSize}");
        if (optimizer.ParameterCount != network.ParameterCount) throw new ArgumentException($"optimizer for {optimizer.ParameterCount} parameters, network has {network.ParameterCount}");
        if (count < 1) throw new ArgumentException($"need at least one sample, got {count}");
        if (inputs.Length < (long)count * network.InputSize) throw new ArgumentException($"{count} samples need {count * network.InputSize} inputs, got {inputs.Length}");
        if (targets.Length < count) throw new ArgumentException($"{count} samples need {count} targets, got {targets.Length}");
        if (weights is not null && weights.Length < count) throw new ArgumentException($"{count} samples need {count} weights, got {weights.Length}");
        if (options.AnchorPenalty > 0 && (anchor is null || anchor.Length != network.ParameterCount))
            throw new ArgumentException($"anchor penalty {options.AnchorPenalty} needs an anchor of {network.ParameterCount} parameters, got {anchor?.Length.ToString() ?? "none"}");

        int batch = options.BatchSize == 0 ? count : Math.Min(options.BatchSize, count);
        int threads = Math.Min(options.Threads, Math.Max(1, batch / options.ChunkSize));
        var workers = Enumerable.Range(0, threads).Select(_ => new Worker(network, Math.Min(options.ChunkSize, batch))).ToArray();
        var gradient = new double[network.ParameterCount];
        var order = Enumerable.Range(0, count).ToArray();
        var losses = new double[options.Epochs];
        long steps = 0;
        for (int epoch = 0; epoch < options.Epochs; epoch++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (batch < count) rng.Shuffle(order);
            double lossSum = 0, weightSum = 0;
            for (int start = 0; start < count; start += batch)
            {
                int end = Math.Min(count, start + batch);
                RunBatch(network, workers, inputs, targets, weights, order, start, end, batch < count);
                Array.Clear(gradient);
                double rescale = (double)count / (end - start);
                foreach (var w in workers)
                {
                    lossSum += w.Loss;
                    weightSum += w.Weight;
                    for (int k = 0; k < gradient.Length; k++) gradient[k] += rescale * w.Gradient[k];
                }
                if (options.AnchorPenalty > 0)
                    for (int k = 0; k < gradient.Length; k++) gradient[k] += options.AnchorPenalty * (network.Parameters[k] - anchor![k]);
                optimizer.Step(network.Parameters, gradient);
                steps++;
            }
            losses[epoch] = weightSum > 0 ? lossSum / weightSum : 0;
        }
        return new RegressionTrainingReport(options.Epochs, steps, losses);
    }

    private static void RunBatch(DenseNetwork network, Worker[] workers, double[] inputs, double[] targets, double[]? weights,
        int[] order, int start, int end, bool shuffled)
    {
        int total = end - start, per = (total + workers.Length - 1) / workers.Length;
        void Work(int t)
        {
            int from = start + t * per, to = Math.Min(end, from + per);
            workers[t].Run(network, inputs, targets, weights, order, from, to, shuffled);
        }
        if (workers.Length == 1) Work(0);
        else Parallel.For(0, workers.Length, new ParallelOptions { MaxDegreeOfParallelism = workers.Length }, Work);
    }

    /// <summary>One thread's buffers: workspace, gathered chunk, and its share of the gradient and loss.</summary>
    private sealed class Worker(DenseNetwork network, int chunk)
    {
        private readonly NetworkWorkspace _ws = network.CreateWorkspace(chunk);
        private readonly double[] _x = new double[chunk * network.InputSize];
        private readonly double[] _out = new double[chunk];
        private readonly double[] _dOut = new double[chunk];
        public double[] Gradient { get; } = new double[network.ParameterCount];
        public double Loss { get; private set; }
        public double Weight { get; private set; }

        public void Run(DenseNetwork net, double[] inputs, double[] targets, double[]? weights, int[] order, int from, int to, bool shuffled)
        {
            Array.Clear(Gradient);
            Loss = 0;
            Weight = 0;
            int d = net.InputSize;
            for (int s = from; s < to; s += _ws.Capacity)
            {
                int n = Math.Min(_ws.Capacity, to - s);
                ReadOnlySpan<double> x;
                if (shuffled)
                {
                    for (int j = 0; j < n; j++) inputs.AsSpan(order[s + j] * d, d).CopyTo(_x.AsSpan(j * d));
                    x = _x;
                }
                else x = inputs.AsSpan(s * d, n * d);
                net.Forward(x, n, _ws, _out);
                for (int j = 0; j < n; j++)
                {
                    int i = shuffled ? order[s + j] : s + j;
                    double w = weights?[i] ?? 1.0, err = _out[j] - targets[i];
                    _dOut[j] = w * err;
                    Loss += w * err * err;
                    Weight += w;
                }
                net.Backward(_ws, _dOut.AsSpan(0, n), Gradient, default);
            }
        }
    }
}

using OneProxy.Learning;

namespace OneProxy.Energy.LearnToOptimize;

/// <summary>
/// Stage 2 of Algorithm 2: trains x̂_Θ with the performance networks frozen, by Method 1
/// (Eq. 1.9, labels x*(d, λ) from the exhaustive per-device optimum of f̂ on the pool) or Method 2
/// (Eq. 1.10, f̂ itself through the frozen networks), both + μ‖Θ‖², by Adam on mini-batches.
/// </summary>
public sealed class OptimizerTraining
{
    private readonly OptimizerNetwork _opt;
    private readonly PerformanceModels _models;
    private readonly L2oPool _pool;
    private readonly IReadOnlyList<DeviceScan> _scans;
    private readonly IReadOnlyList<L2oSample> _samples;
    private readonly OptimizerTrainingOptions _o;
    private readonly int[]? _labels;
    private readonly NetworkWorkspace _ws;
    private readonly RelaxedObjective? _relaxed;

    public OptimizerTraining(OptimizerNetwork optimizer, PerformanceModels models, L2oPool pool, IReadOnlyList<DeviceScan> scans,
        IReadOnlyList<L2oSample> samples, OptimizerTrainingOptions options)
    {
        _opt = optimizer ?? throw new ArgumentNullException(nameof(optimizer));
        _models = models ?? throw new ArgumentNullException(nameof(models));
        _pool = pool ?? throw new ArgumentNullException(nameof(pool));
        _scans = scans ?? throw new ArgumentNullException(nameof(scans));
        _samples = samples ?? throw new ArgumentNullException(nameof(samples));
        _o = options.Validated();
        if (samples.Count == 0) throw new ArgumentException("no training pairs (d, λ)");
        foreach (var s in samples)
            if ((uint)s.Scan >= (uint)scans.Count || s.Lambda.Length != optimizer.Metrics)
                throw new ArgumentException($"training pair refers to device {s.Scan} of {scans.Count} with {s.Lambda.Length} weights ({optimizer.Metrics} expected)");
        // Method 1's labels: x*(d, λ) = argmin of f̂ over the pool (exact on NAS-Bench-201).
        if (_o.Method == L2oMethod.Supervised) _labels = samples.Select(s => scans[s.Scan].Optimum(s.Lambda).Best).ToArray();
        int cap = Math.Min(_o.BatchSize, samples.Count);
        _ws = optimizer.Network.CreateWorkspace(cap);
        if (_o.Method == L2oMethod.Unsupervised) _relaxed = new RelaxedObjective(models, cap);
    }

    /// <summary>Runs the epochs; returns each epoch's mean loss (without the μ term).</summary>
    public IReadOnlyList<double> Train(Adam adam, Random rng, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(adam);
        if (adam.ParameterCount != _opt.Network.ParameterCount) throw new ArgumentException($"Adam for {adam.ParameterCount} parameters, the optimizer has {_opt.Network.ParameterCount}");
        var order = Enumerable.Range(0, _samples.Count).ToArray();
        var grad = new double[_opt.Network.ParameterCount];
        var losses = new double[_o.Epochs];
        int cap = _ws.Capacity;
        for (int e = 0; e < _o.Epochs; e++)
        {
            ct.ThrowIfCancellationRequested();
            rng.Shuffle(order);
            double sum = 0;
            for (int s = 0; s < order.Length; s += cap)
            {
                int n = Math.Min(cap, order.Length - s);
                Array.Clear(grad);
                sum += BatchLoss(order.AsSpan(s, n), grad) * n;
                var p = _opt.Network.Parameters;
                for (int k = 0; k < grad.Length; k++) grad[k] += 2 * _o.Mu * p[k];
                adam.Step(p, grad);
            }
            losses[e] = sum / order.Length;
        }
        return losses;
    }

    /// <summary>
    /// Mean loss over the given training pairs at the current parameters; ADDS its gradient with respect to the
    /// optimizer's parameters to <paramref name="gradient"/> (without the μ term). Public for the gradient checks.
    /// </summary>
    public double BatchLoss(ReadOnlySpan<int> rows, Span<double> gradient)
    {
        int n = rows.Length, inSize = _opt.InputSize, k = _opt.LogitCount, f = _pool.FeatureCount, m = _opt.Metrics;
        if (n < 1 || n > _ws.Capacity) throw new ArgumentOutOfRangeException(nameof(rows), $"batch of {n} for capacity {_ws.Capacity}");
        var input = new double[n * inSize];
        for (int i = 0; i < n; i++)
        {
            var s = _samples[rows[i]];
            _opt.Input(_scans[s.Scan].Device.Features, s.Lambda, input.AsSpan(i * inSize, inSize));
        }
        var logits = new double[n * k];
        _opt.Network.Forward(input, n, _ws, logits);
        var soft = new double[n * f];
        for (int i = 0; i < n; i++) GeneSoftmax.Forward(_opt.Layout, logits.AsSpan(i * k, k), _o.Temperature, soft.AsSpan(i * f, f));
        var dSoft = new double[n * f];
        double loss;
        if (_o.Method == L2oMethod.Supervised)
        {
            loss = 0;
            var y = new double[f];
            for (int i = 0; i < n; i++)
            {
                _pool.Features.AsSpan(_labels![rows[i]] * f, f).CopyTo(y);
                for (int j = 0; j < f - 1; j++)
                {
                    double r = soft[i * f + j] - y[j];
                    loss += r * r;
                    dSoft[i * f + j] = 2 * r;
                }
            }
        }
        else
        {
            var x = soft;
            if (_o.Relaxation == RelaxedInput.StraightThrough)
            {
                x = new double[n * f];
                for (int i = 0; i < n; i++) _opt.Layout.Encode(GeneSoftmax.Decode(_opt.Layout, soft.AsSpan(i * f, f)), x.AsSpan(i * f, f));
            }
            var lambda = new double[n * m];
            var scans = new DeviceScan[n];
            for (int i = 0; i < n; i++)
            {
                var s = _samples[rows[i]];
                scans[i] = _scans[s.Scan];
                s.Lambda.CopyTo(lambda, i * m);
            }
            loss = _relaxed!.Evaluate(x, n, scans, lambda, dSoft);
        }
        var dLogits = new double[n * k];
        for (int i = 0; i < n; i++)
            GeneSoftmax.Backward(_opt.Layout, soft.AsSpan(i * f, f), dSoft.AsSpan(i * f, f), _o.Temperature, dLogits.AsSpan(i * k, k));
        for (int j = 0; j < dLogits.Length; j++) dLogits[j] /= n;
        _opt.Network.Backward(_ws, dLogits, gradient, default);
        return loss / n;
    }
}

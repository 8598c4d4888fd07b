using OneProxy.Learning;

namespace OneProxy.Energy.LearnToOptimize;

/// <summary>
/// f̂(x; d, λ) of Eq. (1.8) for a batch of soft one-hot designs x (GradientSearch's relaxed
/// objective, with performance networks instead of a linear latency model), and its gradient with
/// respect to x through the frozen networks' input gradients:
/// f̂ = −(A(x) − A_lo)/A_span + Σ_m λ_m (exp z_m(x, d) − lo_m(d)) / span_m(d), where the scales come
/// from each device's <see cref="DeviceScan"/> so f̂ on a vertex equals the scan's value.
/// </summary>
public sealed class RelaxedObjective
{
    private readonly PerformanceModels _models;
    private readonly NetworkWorkspace _accWs;
    private readonly NetworkWorkspace[] _costWs;
    private readonly double[] _costInput, _z, _dz, _dIn;

    public RelaxedObjective(PerformanceModels models, int capacity)
    {
        _models = models ?? throw new ArgumentNullException(nameof(models));
        if (capacity < 1) throw new ArgumentOutOfRangeException(nameof(capacity), $"capacity must be >= 1, got {capacity}");
        Capacity = capacity;
        _accWs = models.Accuracy.Network.CreateWorkspace(capacity);
        _costWs = models.Costs.Select(c => c.Network.CreateWorkspace(capacity)).ToArray();
        int inSize = models.ArchFeatures + models.DeviceFeatures;
        _costInput = new double[capacity * inSize];
        _z = new double[capacity];
        _dz = new double[capacity];
        _dIn = new double[capacity * inSize];
    }

    public int Capacity { get; }

    /// <summary>
    /// Sum over the <paramref name="count"/> rows of f̂(x_i; d_i, λ_i); writes ∂(sum)/∂x_i to <paramref name="dx"/>
    /// (count × ArchFeatures; the bias slot's gradient is written too and should be ignored).
    /// </summary>
    /// <param name="x">count rows of ArchFeatures (soft one-hot, bias 1 last).</param>
    /// <param name="scans">The device of each row, with its normalisation.</param>
    /// <param name="lambda">count rows of MetricCount trade-off weights.</param>
    public double Evaluate(ReadOnlySpan<double> x, int count, IReadOnlyList<DeviceScan> scans, ReadOnlySpan<double> lambda, Span<double> dx, double[]? perRow = null)
    {
        int f = _models.ArchFeatures, d = _models.DeviceFeatures, m = _models.MetricCount, inSize = f + d;
        if (count < 1 || count > Capacity) throw new ArgumentOutOfRangeException(nameof(count), $"batch of {count} for capacity {Capacity}");
        if (x.Length < count * f || dx.Length < count * f) throw new ArgumentException($"{count} rows need {count * f} design values and gradient slots");
        if (scans.Count < count || lambda.Length < count * m) throw new ArgumentException($"{count} rows need {count} devices and {count * m} trade-off weights");
        double total = 0;
        perRow?.AsSpan(0, count).Clear();
        // Accuracy term: −(A − lo) / span.
        _models.Accuracy.Forward(x, count, _accWs, _z);
        for (int i = 0; i < count; i++)
        {
            double v = -(_z[i] - _models.AccuracyLow) / _models.AccuracySpan;
            total += v;
            if (perRow is not null) perRow[i] += v;
            _dz[i] = -1 / _models.AccuracySpan;
        }
        _models.Accuracy.Backward(_accWs, _dz.AsSpan(0, count), dx[..(count * f)]);
        // Cost terms: λ_m (exp z − lo) / span.
        for (int i = 0; i < count; i++)
        {
            x.Slice(i * f, f).CopyTo(_costInput.AsSpan(i * inSize, f));
            scans[i].Device.Features.CopyTo(_costInput.AsSpan(i * inSize + f, d));
        }
        for (int k = 0; k < m; k++)
        {
            _models.Costs[k].Forward(_costInput, count, _costWs[k], _z);
            for (int i = 0; i < count; i++)
            {
                double e = Math.Exp(_z[i]), lam = lambda[i * m + k], span = scans[i].CostSpan[k];
                double v = lam * (e - scans[i].CostLow[k]) / span;
                total += v;
                if (perRow is not null) perRow[i] += v;
                _dz[i] = lam * e / span;
            }
            _models.Costs[k].Backward(_costWs[k], _dz.AsSpan(0, count), _dIn.AsSpan(0, count * inSize));
            for (int i = 0; i < count; i++)
                for (int j = 0; j < f; j++) dx[i * f + j] += _dIn[i * inSize + j];
        }
        return total;
    }
}

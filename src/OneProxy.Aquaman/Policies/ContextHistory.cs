namespace OneProxy.Aquaman.Policies;

/// <summary>
/// The feedback received so far, with identical contexts merged: each distinct context keeps its count and QoE sum.
/// Full-batch training on (context, mean QoE, count) has exactly the gradient of training on every feedback
/// separately, because Σ_i (f − y_i) = n (f − ȳ); on the thesis's 4 devices × 5 models this turns 20,000 feedbacks
/// into 20 rows. Inputs are stored already written twice ([x, x]) for the symmetric network.
/// </summary>
public sealed class ContextHistory
{
    private readonly Dictionary<ContextKey, int> _index = new();
    private double[] _inputs;
    private double[] _sums;
    private double[] _counts;

    public ContextHistory(int contextSize)
    {
        if (contextSize < 1) throw new ArgumentOutOfRangeException(nameof(contextSize), $"context size must be >= 1, got {contextSize}");
        ContextSize = contextSize;
        _inputs = new double[64 * 2 * contextSize];
        _sums = new double[64];
        _counts = new double[64];
    }

    public int ContextSize { get; }

    /// <summary>Distinct contexts.</summary>
    public int Count { get; private set; }

    /// <summary>Feedbacks added.</summary>
    public long Feedbacks { get; private set; }

    /// <summary>Adds one feedback; returns the row of its context (rows keep the order of first appearance).</summary>
    public int Add(ReadOnlySpan<double> context, double qoe) => Add(context, qoe, 1.0);

    /// <summary>
    /// Adds one feedback with a sample weight (a bootstrap replicate's Poisson count; 0 keeps the row but it weighs
    /// nothing). <see cref="Feedbacks"/> counts arrivals whatever their weight, so schedules stay aligned across replicates.
    /// </summary>
    public int Add(ReadOnlySpan<double> context, double qoe, double weight)
    {
        if (!(weight >= 0) || !double.IsFinite(weight)) throw new ArgumentException($"feedback weight must be finite and >= 0, got {weight}");
        if (context.Length != ContextSize) throw new ArgumentException($"context has {context.Length} features, history holds {ContextSize}");
        var key = new ContextKey(context.ToArray());
        if (!_index.TryGetValue(key, out int row))
        {
            row = Count++;
            if (row == _sums.Length)
            {
                Array.Resize(ref _sums, 2 * row);
                Array.Resize(ref _counts, 2 * row);
                Array.Resize(ref _inputs, 2 * row * 2 * ContextSize);
            }
            context.CopyTo(_inputs.AsSpan(row * 2 * ContextSize));
            context.CopyTo(_inputs.AsSpan(row * 2 * ContextSize + ContextSize));
            _index[key] = row;
        }
        _sums[row] += weight * qoe;
        _counts[row] += weight;
        Feedbacks++;
        return row;
    }

    /// <summary>Doubled inputs ([x, x], Count rows), mean QoE and count per distinct context; buffers may be longer than Count.</summary>
    public (double[] Inputs, double[] Targets, double[] Weights) TrainingSet()
    {
        var targets = new double[Count];
        for (int i = 0; i < Count; i++) targets[i] = _counts[i] > 0 ? _sums[i] / _counts[i] : 0; // weight 0: no effect on the loss
        return (_inputs, targets, _counts);
    }

    /// <summary>Rows (context, QoE sum, count) for saving.</summary>
    public IEnumerable<(double[] Context, double Sum, double Count)> Rows()
    {
        for (int i = 0; i < Count; i++)
            yield return (_inputs.AsSpan(i * 2 * ContextSize, ContextSize).ToArray(), _sums[i], _counts[i]);
    }

    /// <summary>Restores one saved row (see <see cref="Rows"/>).</summary>
    public void Restore(double[] context, double sum, double count)
    {
        if (!(count >= 1) || !double.IsFinite(sum)) throw new ArgumentException($"history row with count {count} and sum {sum}");
        Add(context, 0);
        int row = _index[new ContextKey(context)];
        _sums[row] += sum;
        _counts[row] += count - 1;
        Feedbacks += (long)count - 1;
    }

    /// <summary>A context compared by value (bitwise-equal doubles).</summary>
    private readonly struct ContextKey(double[] values) : IEquatable<ContextKey>
    {
        private readonly double[] _values = values;
        public bool Equals(ContextKey other) => _values.AsSpan().SequenceEqual(other._values);
        public override bool Equals(object? obj) => obj is ContextKey k && Equals(k);
        public override int GetHashCode()
        {
            var h = new HashCode();
            foreach (var v in _values) h.Add(v);
            return h.ToHashCode();
        }
    }
}

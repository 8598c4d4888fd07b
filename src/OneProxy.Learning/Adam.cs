namespace OneProxy.Learning;

/// <summary>
/// Adam (Kingma and Ba, 2015) on a flat parameter vector, with bias-corrected moments:
/// m ← β1 m + (1−β1) g, v ← β2 v + (1−β2) g², θ ← θ − lr · m̂ / (√v̂ + ε). Its state can be exported and restored
/// (<see cref="ExportState"/>, <see cref="FromState"/>) so a trained learner survives a restart.
/// </summary>
public sealed class Adam
{
    private readonly double[] _m;
    private readonly double[] _v;

    public Adam(int parameterCount, double learningRate = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8)
    {
        if (parameterCount < 1) throw new ArgumentOutOfRangeException(nameof(parameterCount), $"need >= 1 parameter, got {parameterCount}");
        if (!(learningRate > 0) || !double.IsFinite(learningRate)) throw new ArgumentOutOfRangeException(nameof(learningRate), $"learning rate must be positive and finite, got {learningRate}");
        if (!(beta1 >= 0 && beta1 < 1)) throw new ArgumentOutOfRangeException(nameof(beta1), $"beta1 must be in [0, 1), got {beta1}");
        if (!(beta2 >= 0 && beta2 < 1)) throw new ArgumentOutOfRangeException(nameof(beta2), $"beta2 must be in [0, 1), got {beta2}");
        if (!(epsilon > 0)) throw new ArgumentOutOfRangeException(nameof(epsilon), $"epsilon must be positive, got {epsilon}");
        LearningRate = learningRate;
        Beta1 = beta1;
        Beta2 = beta2;
        Epsilon = epsilon;
        _m = new double[parameterCount];
        _v = new double[parameterCount];
    }

    public double LearningRate { get; }
    public double Beta1 { get; }
    public double Beta2 { get; }
    public double Epsilon { get; }
    public int ParameterCount => _m.Length;

    /// <summary>Number of steps taken so far (drives the bias correction).</summary>
    public long StepCount { get; private set; }

    /// <summary>One update of <paramref name="parameters"/> in place from <paramref name="gradient"/> (same length).</summary>
    public void Step(Span<double> parameters, ReadOnlySpan<double> gradient)
    {
        if (parameters.Length != _m.Length || gradient.Length != _m.Length)
            throw new ArgumentException($"Adam for {_m.Length} parameters got {parameters.Length} parameters and {gradient.Length} gradient entries");
        StepCount++;
        double c1 = 1 - Math.Pow(Beta1, StepCount), c2 = 1 - Math.Pow(Beta2, StepCount);
        double step = LearningRate / c1, inv2 = 1 / c2;
        for (int k = 0; k < _m.Length; k++)
        {
            double g = gradient[k];
            double m = _m[k] = Beta1 * _m[k] + (1 - Beta1) * g;
            double v = _v[k] = Beta2 * _v[k] + (1 - Beta2) * g * g;
            parameters[k] -= step * m / (Math.Sqrt(v * inv2) + Epsilon);
        }
    }

    /// <summary>Forgets the moments and the step count (a fresh start on the same parameter vector).</summary>
    public void Reset()
    {
        Array.Clear(_m);
        Array.Clear(_v);
        StepCount = 0;
    }

    /// <summary>A copy of the optimiser's state (hyper-parameters, step count, both moment vectors).</summary>
    public AdamState ExportState() => new(LearningRate, Beta1, Beta2, Epsilon, StepCount, (double[])_m.Clone(), (double[])_v.Clone());

    /// <summary>Rebuilds an optimiser from <see cref="ExportState"/>'s output; validates sizes and values.</summary>
    public static Adam FromState(AdamState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(state.FirstMoment);
        ArgumentNullException.ThrowIfNull(state.SecondMoment);
        if (state.FirstMoment.Length != state.SecondMoment.Length)
            throw new ArgumentException($"Adam state has {state.FirstMoment.Length} first and {state.SecondMoment.Length} second moments");
        if (state.StepCount < 0) throw new ArgumentException($"Adam state has step count {state.StepCount}");
        if (state.FirstMoment.Any(x => !double.IsFinite(x)) || state.SecondMoment.Any(x => !double.IsFinite(x) || x < 0))
            throw new ArgumentException("Adam state has non-finite moments (or a negative second moment)");
        var adam = new Adam(state.FirstMoment.Length, state.LearningRate, state.Beta1, state.Beta2, state.Epsilon) { StepCount = state.StepCount };
        state.FirstMoment.CopyTo(adam._m, 0);
        state.SecondMoment.CopyTo(adam._v, 0);
        return adam;
    }
}

/// <summary>Serialisable snapshot of an <see cref="Adam"/> optimiser.</summary>
public sealed record AdamState(double LearningRate, double Beta1, double Beta2, double Epsilon, long StepCount, double[] FirstMoment, double[] SecondMoment);

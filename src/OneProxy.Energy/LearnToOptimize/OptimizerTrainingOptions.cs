namespace OneProxy.Energy.LearnToOptimize;

/// <summary>How the optimizer network learns (thesis Approach 2, Stage 2).</summary>
public enum L2oMethod
{
    /// <summary>Method 1, Eq. (1.9): squared error between the soft design and the label x*(d, λ), the per-device optimum of f̂ on the pool.</summary>
    Supervised = 1,

    /// <summary>Method 2, Eq. (1.10): f̂ of the soft design itself, through the frozen performance networks (no labels).</summary>
    Unsupervised = 2,
}

/// <summary>What Method 2 feeds the frozen networks.</summary>
public enum RelaxedInput
{
    /// <summary>The soft one-hot p = softmax(logits / T) itself (differentiable; what the gradient check tests).</summary>
    Soft,

    /// <summary>Straight-through: the hard argmax design forward, the gradient through p backward (the networks only ever see real designs).</summary>
    StraightThrough,
}

/// <summary>Settings of <see cref="OptimizerTraining"/>; defaults follow the spec's item 6 where it gives one (Adam 1e-3, μ = 1e-4, batch 64).</summary>
public sealed record OptimizerTrainingOptions
{
    public L2oMethod Method { get; init; } = L2oMethod.Supervised;
    public int Epochs { get; init; } = 100;
    public int BatchSize { get; init; } = 64;
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>μ of ‖Θ‖² (weight decay on every parameter).</summary>
    public double Mu { get; init; } = 1e-4;

    /// <summary>Softmax temperature T of the soft design.</summary>
    public double Temperature { get; init; } = 1.0;

    public RelaxedInput Relaxation { get; init; } = RelaxedInput.Soft;

    public OptimizerTrainingOptions Validated()
    {
        if (!Enum.IsDefined(Method)) throw new InvalidOptionException("method", $"unknown method {(int)Method}");
        if (Epochs < 1) throw new InvalidOptionException("epochs", $"must be >= 1 (got {Epochs})");
        if (BatchSize < 1) throw new InvalidOptionException("batch", $"must be >= 1 (got {BatchSize})");
        if (!(LearningRate > 0)) throw new InvalidOptionException("learning-rate", $"must be positive (got {LearningRate})");
        if (!(Mu >= 0) || !double.IsFinite(Mu)) throw new InvalidOptionException("mu", $"must be finite and >= 0 (got {Mu})");
        if (!(Temperature > 0)) throw new InvalidOptionException("temperature", $"must be positive (got {Temperature})");
        return this;
    }
}

/// <summary>One training pair (d, λ) of (D_T, Λ_T): the index of its device's scan and the trade-off weights.</summary>
public sealed record L2oSample(int Scan, double[] Lambda);

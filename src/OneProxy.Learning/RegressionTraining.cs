namespace OneProxy.Learning;

/// <summary>Settings of <see cref="RegressionTrainer.Train"/>.</summary>
public sealed record RegressionTrainingOptions
{
    /// <summary>Passes over the data.</summary>
    public int Epochs { get; init; } = 100;

    /// <summary>Samples per Adam step; 0 = the full batch (one step per epoch: gradient descent on the whole loss, as Algorithm 4 of the thesis).</summary>
    public int BatchSize { get; init; }

    /// <summary>λ of the regulariser ½ λ ‖θ − θ_anchor‖² (0 = none; needs an anchor when positive).</summary>
    public double AnchorPenalty { get; init; }

    /// <summary>Threads that share each batch's forward and backward passes.</summary>
    public int Threads { get; init; } = 1;

    /// <summary>Samples per forward/backward call inside a thread (bounds the workspace).</summary>
    public int ChunkSize { get; init; } = 256;

    public RegressionTrainingOptions Validated()
    {
        if (Epochs < 1) throw new ArgumentException($"epochs must be >= 1, got {Epochs}");
        if (BatchSize < 0) throw new ArgumentException($"batch size must be >= 0 (0 = full batch), got {BatchSize}");
        if (!(AnchorPenalty >= 0) || !double.IsFinite(AnchorPenalty)) throw new ArgumentException($"anchor penalty must be finite and >= 0, got {AnchorPenalty}");
        if (Threads < 1 || Threads > 64) throw new ArgumentException($"threads must be in 1..64, got {Threads}");
        if (ChunkSize < 1) throw new ArgumentException($"chunk size must be >= 1, got {ChunkSize}");
        return this;
    }
}

/// <summary>What a training run did: the weighted mean squared error of each epoch (measured on the batches as they were visited).</summary>
public sealed record RegressionTrainingReport(int Epochs, long Steps, IReadOnlyList<double> EpochLoss)
{
    /// <summary>The last epoch's weighted mean squared error (the thesis's "last-epoch training loss").</summary>
    public double FinalLoss => EpochLoss[^1];
}

namespace OneProxy.Energy.LearnToOptimize;

/// <summary>
/// Settings of <see cref="L2oTrainer"/> (Algorithm 2). Sizes follow the spec's item 6 scaled down
/// for a 2-core machine (performance networks [x ‖ d] → 64 → 64 → 1, optimizer [d ‖ λ] → 128 → 128 → logits).
/// </summary>
public sealed record L2oTrainingOptions
{
    /// <summary>Max_Iterate of Algorithm 2: rounds of measure, refit, retrain, explore.</summary>
    public int Iterations { get; init; } = 3;

    /// <summary>Designs measured on every training device per round (X_explore); the first round is uniform random.</summary>
    public int ExplorePerRound { get; init; } = 200;

    /// <summary>Share of a later round's X_explore taken from the optimizer's own designs on the training devices (the rest uniform random).</summary>
    public double ExploitShare { get; init; } = 0.5;

    /// <summary>Synthetic devices D_S (convex combinations of two training devices' features).</summary>
    public int SyntheticDevices { get; init; }

    /// <summary>Trade-off vectors λ drawn per device for Λ_T.</summary>
    public int LambdasPerDevice { get; init; } = 64;

    public int[] PerformanceHidden { get; init; } = [64, 64];
    public int[] OptimizerHidden { get; init; } = [128, 128];

    /// <summary>Epochs of each performance network per round.</summary>
    public int PerformanceEpochs { get; init; } = 60;

    public int PerformanceBatch { get; init; } = 64;
    public double PerformanceLearningRate { get; init; } = 1e-3;
    public LambdaRange Lambda { get; init; } = new();
    public OptimizerTrainingOptions Optimizer { get; init; } = new();

    public L2oTrainingOptions Validated()
    {
        if (Iterations is < 1 or > 20) throw new InvalidOptionException("iterations", $"must be in 1..20 (got {Iterations})");
        if (ExplorePerRound < 10) throw new InvalidOptionException("explore", $"must be >= 10 (got {ExplorePerRound})");
        if (!(ExploitShare is >= 0 and <= 1)) throw new InvalidOptionException("exploit-share", $"must be in [0, 1] (got {ExploitShare})");
        if (SyntheticDevices < 0) throw new InvalidOptionException("synthetic", $"must be >= 0 (got {SyntheticDevices})");
        if (LambdasPerDevice < 1) throw new InvalidOptionException("lambdas", $"must be >= 1 (got {LambdasPerDevice})");
        if (PerformanceHidden.Length == 0 || PerformanceHidden.Any(h => h < 1) || OptimizerHidden.Length == 0 || OptimizerHidden.Any(h => h < 1))
            throw new InvalidOptionException("hidden", "hidden layer widths must be >= 1, at least one layer");
        if (PerformanceEpochs < 1) throw new InvalidOptionException("performance-epochs", $"must be >= 1 (got {PerformanceEpochs})");
        if (PerformanceBatch < 1) throw new InvalidOptionException("performance-batch", $"must be >= 1 (got {PerformanceBatch})");
        if (!(PerformanceLearningRate > 0)) throw new InvalidOptionException("learning-rate", $"must be positive (got {PerformanceLearningRate})");
        Lambda.Validated();
        Optimizer.Validated();
        return this;
    }
}

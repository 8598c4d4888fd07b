namespace OneProxy.Adaptation;

/// <summary>How the benchmark (and the loop) picks the architectures to measure on the target.</summary>
public enum SamplingDesign
{
    /// <summary>Uniformly at random (the paper's protocol).</summary>
    Random,
    /// <summary>
    /// First batch: greedy k-center (farthest-first) in operator-feature space, so a few samples
    /// span the space. Later batches: k-center restricted to the architectures on which the
    /// library's predictors and the current adapted predictor disagree most about the rank.
    /// </summary>
    Designed,
}

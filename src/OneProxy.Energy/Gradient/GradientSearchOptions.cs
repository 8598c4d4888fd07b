namespace OneProxy.Energy.Gradient;

/// <summary>How ProxylessNAS-style gradient search samples and steps.</summary>
public enum GradientSampling
{
    /// <summary>Straight-through Gumbel-softmax: the forward pass sees a real (hard) architecture, gradients flow through the soft sample.</summary>
    StraightThrough,
    /// <summary>Plain Gumbel-softmax: the forward pass sees the soft sample itself.</summary>
    Soft,
}

/// <summary>
/// Options of <see cref="GradientSearch"/>. One run per trade-off weight t (the grid
/// <see cref="Weights"/>); each run takes <see cref="Steps"/> Adam steps on the logits, each step
/// averaging <see cref="SamplesPerStep"/> Gumbel samples. Under straight-through sampling the
/// accuracy predictor is called once per sample (its forward pass scores the real sampled
/// architecture), so a search costs Weights x Steps x SamplesPerStep predictor calls; soft sampling
/// needs a second call per sample to score the decoded architecture.
/// </summary>
public sealed record GradientSearchOptions
{
    public int Weights { get; init; } = 16;
    public int Steps { get; init; } = 60;
    public int SamplesPerStep { get; init; } = 4;
    public double LearningRate { get; init; } = 0.1;
    public double Temperature { get; init; } = 1.0;
    public GradientSampling Sampling { get; init; } = GradientSampling.StraightThrough;

    public int PredictorCalls => Weights * Steps * SamplesPerStep;

    public GradientSearchOptions Validated()
    {
        if (Weights < 2) throw new InvalidOptionException("weights", $"must be >= 2 (got {Weights})");
        if (Steps < 1) throw new InvalidOptionException("steps", $"must be >= 1 (got {Steps})");
        if (SamplesPerStep < 1) throw new InvalidOptionException("samples", $"must be >= 1 (got {SamplesPerStep})");
        if (!(LearningRate > 0)) throw new InvalidOptionException("learning-rate", $"must be positive (got {LearningRate})");
        if (!(Temperature > 0)) throw new InvalidOptionException("temperature", $"must be positive (got {Temperature})");
        return this;
    }
}

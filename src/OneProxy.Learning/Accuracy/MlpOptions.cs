namespace OneProxy.Accuracy;

/// <summary>
/// Training options of the MLP accuracy predictor. Defaults: two hidden layers of 64 ReLU
/// units, Adam (lr 1e-3), mini-batches of 32, up to 300 epochs with early stopping on a 10 %
/// validation split (patience 30 epochs); weight decay 1e-4 on the weights, not the biases.
/// </summary>
public sealed record MlpOptions
{
    public int[] HiddenLayers { get; init; } = [64, 64];
    public double LearningRate { get; init; } = 1e-3;
    public int BatchSize { get; init; } = 32;
    public int MaxEpochs { get; init; } = 300;
    public double ValidationFraction { get; init; } = 0.1;
    public int Patience { get; init; } = 30;
    public double WeightDecay { get; init; } = 1e-4;

    public MlpOptions Validated()
    {
        if (HiddenLayers.Length == 0 || HiddenLayers.Any(h => h < 1))
            throw new ArgumentException($"hidden layers must be one or more positive sizes, got [{string.Join(",", HiddenLayers)}]");
        if (!(LearningRate > 0) || BatchSize < 1 || MaxEpochs < 1 || Patience < 1 || WeightDecay < 0)
            throw new ArgumentException($"need learning rate > 0, batch >= 1, epochs >= 1, patience >= 1, weight decay >= 0 (got {LearningRate}, {BatchSize}, {MaxEpochs}, {Patience}, {WeightDecay})");
        if (ValidationFraction is < 0 or >= 0.5)
            throw new ArgumentException($"validation fraction must be in [0, 0.5), got {ValidationFraction}");
        return this;
    }
}

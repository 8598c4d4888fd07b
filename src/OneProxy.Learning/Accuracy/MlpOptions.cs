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
        Require.That(HiddenLayers.Length is >= 1 and <= 8 && HiddenLayers.All(h => h is >= 1 and <= 4096), "hidden",
            $"must be 1 to 8 layer sizes, each 1 to 4096 (got [{string.Join(",", HiddenLayers.Take(10))}])");
        Require.Positive(LearningRate, "learning-rate");
        Require.InRange(BatchSize, 1, 100_000, "batch");
        Require.InRange(MaxEpochs, 1, 100_000, "epochs");
        Require.InRange(Patience, 1, 100_000, "patience");
        Require.That(WeightDecay >= 0 && double.IsFinite(WeightDecay), "weight-decay", $"must be a finite number >= 0 (got {WeightDecay})");
        Require.That(ValidationFraction is >= 0 and < 0.5, "validation-fraction", $"must be in [0, 0.5) (got {ValidationFraction})");
        return this;
    }
}

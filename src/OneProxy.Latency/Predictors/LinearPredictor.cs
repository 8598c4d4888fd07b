using OneProxy.SearchSpaces;

namespace OneProxy.Predictors;

/// <summary>
/// Operator-level linear latency predictor L(x) = w . x over a space's encoding (bias last).
/// <see cref="Method"/> records how it was made (least squares, AdaProxy, library, ...).
/// </summary>
public sealed record LinearPredictor(string Space, string Device, double[] Weights, string Method, int TargetMeasurements) : ILatencyModel
{
    public string Name => $"{Device} ({Method})";

    public double Predict(ISearchSpace space, Architecture architecture)
    {
        CheckSpace(space);
        Span<double> f = stackalloc double[space.FeatureCount];
        space.Encode(architecture, f);
        double s = 0;
        for (int i = 0; i < f.Length; i++) s += f[i] * Weights[i];
        return s;
    }

    public double[] PredictAll(FeatureMatrix x)
    {
        CheckSpace(x.Space);
        return x.Multiply(Weights);
    }

    private void CheckSpace(ISearchSpace space)
    {
        if (!string.Equals(space.Name, Space, StringComparison.OrdinalIgnoreCase))
            throw new UnusableDataException($"predictor for space '{Space}' cannot predict '{space.Name}' architectures");
        if (space.FeatureCount != Weights.Length)
            throw new UnusableDataException($"predictor has {Weights.Length} weights but {space.Name} has {space.FeatureCount} features");
    }
}

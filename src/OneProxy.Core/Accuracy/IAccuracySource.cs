using OneProxy.SearchSpaces;

namespace OneProxy.Accuracy;

/// <summary>Accuracy (%) for a whole batch of architectures: a lookup table or a learned predictor.</summary>
public interface IAccuracySource
{
    string Name { get; }

    /// <summary>Throws if an architecture has no accuracy: search must never silently skip candidates.</summary>
    double[] PredictAll(IReadOnlyList<Architecture> architectures);
}

using OneProxy.Accuracy;
using OneProxy.Predictors;
using OneProxy.SearchSpaces;

namespace OneProxy.Search;

/// <summary>The one seam search depends on: predicted latency and accuracy for a whole population in one batched call.</summary>
public sealed class ArchitectureScorer(ISearchSpace space, ILatencyModel latency, IAccuracySource accuracy)
{
    public ISearchSpace Space { get; } = space;
    public ILatencyModel Latency { get; } = latency;
    public IAccuracySource Accuracy { get; } = accuracy;

    public Candidate[] Score(IReadOnlyList<Architecture> population)
    {
        var lat = Latency.PredictAll(new FeatureMatrix(Space, population));
        var acc = Accuracy.PredictAll(population);
        var result = new Candidate[population.Count];
        for (int i = 0; i < result.Length; i++) result[i] = new Candidate(population[i], lat[i], acc[i]);
        return result;
    }
}

using OneProxy.Accuracy;
using OneProxy.Predictors;
using OneProxy.SearchSpaces;

namespace OneProxy.Search;

/// <summary>
/// A population encoded once for repeated exhaustive scoring: its architectures, their feature
/// matrix and their accuracies. Immutable, so one instance per (space, accuracy source) is shared
/// by every search on every thread: scoring under another latency model is then one batched
/// prediction (a matrix-vector product for a linear predictor) instead of enumerating, encoding
/// and looking up the accuracy of the whole space again, which was about half of an exhaustive
/// search's time and several MB of short-lived large objects per search.
/// </summary>
public sealed class EncodedPopulation
{
    private readonly double[] _accuracy;

    public EncodedPopulation(ISearchSpace space, IReadOnlyList<Architecture> architectures, IAccuracySource accuracy)
    {
        Features = new FeatureMatrix(space, architectures);
        Accuracy = accuracy;
        _accuracy = accuracy.PredictAll(architectures);
        if (_accuracy.Length != architectures.Count)
            throw new ArgumentException($"{accuracy.Name} returned {_accuracy.Length} accuracies for {architectures.Count} architectures");
    }

    /// <summary>Every architecture of an enumerable space, in <see cref="ISearchSpace.Enumerate"/> order (the order <see cref="ExhaustiveSearch"/> scores).</summary>
    public static EncodedPopulation WholeSpace(ISearchSpace space, IAccuracySource accuracy)
    {
        ExhaustiveSearch.CheckEnumerable(space);
        return new EncodedPopulation(space, space.Enumerate().ToArray(), accuracy) { IsWholeSpace = true };
    }

    public ISearchSpace Space => Features.Space;
    public IAccuracySource Accuracy { get; }
    public FeatureMatrix Features { get; }
    public IReadOnlyList<Architecture> Architectures => Features.Architectures;
    public int Count => _accuracy.Length;

    /// <summary>Built by <see cref="WholeSpace"/>: scoring it is an exhaustive search.</summary>
    public bool IsWholeSpace { get; private init; }

    /// <summary>Every architecture with its predicted latency and accuracy (the same candidates as <see cref="ArchitectureScorer.Score"/>).</summary>
    public Candidate[] Score(ILatencyModel latency)
    {
        var lat = Predict(latency);
        var result = new Candidate[lat.Length];
        for (int i = 0; i < result.Length; i++) result[i] = new Candidate(Features.Architectures[i], lat[i], _accuracy[i]);
        return result;
    }

    /// <summary>
    /// The predicted Pareto front: the same candidates, in the same order, as
    /// <c>Pareto.NonDominated(Score(latency))</c>, without a candidate object per architecture.
    /// </summary>
    public IReadOnlyList<Candidate> Front(ILatencyModel latency)
    {
        var lat = Predict(latency);
        var front = Pareto.NonDominated(lat, _accuracy);
        var result = new Candidate[front.Length];
        for (int i = 0; i < front.Length; i++) result[i] = new Candidate(Features.Architectures[front[i]], lat[front[i]], _accuracy[front[i]]);
        return result;
    }

    private double[] Predict(ILatencyModel latency)
    {
        var lat = latency.PredictAll(Features);
        if (lat.Length != Count) throw new ArgumentException($"{latency.Name} returned {lat.Length} latencies for {Count} architectures");
        return lat;
    }
}

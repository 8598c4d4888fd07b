using OneProxy.Search;

namespace OneProxy.Application.Search;

/// <summary>How <c>oneproxy search</c> explores the space.</summary>
public enum SearchMethod
{
    /// <summary>Every architecture scored (enumerable spaces).</summary>
    Exhaustive,
    /// <summary>The paper's evolution, swept over t in [0, 1].</summary>
    Evolution,
    /// <summary>NSGA-II.</summary>
    Nsga2,
    /// <summary>ProxylessNAS-style gradient search through the predictors (<see cref="GradientFront"/>; one-hot spaces only).</summary>
    Gradient,
}

/// <summary>Accuracy-vs-latency search on one latency predictor (a JSON file, or fitted on a column of the latency table).</summary>
public sealed record SearchRequest
{
    /// <summary>The space, and the table a <see cref="Device"/> predictor is fitted on.</summary>
    public LatencyInput Latency { get; init; } = new();
    public string? PredictorPath { get; init; }
    public string? Device { get; init; }
    public AccuracyInput Accuracy { get; init; } = new();
    /// <summary>An MLP accuracy predictor JSON used instead of the accuracy table.</summary>
    public string? AccuracyPredictorPath { get; init; }
    public SearchMethod Method { get; init; } = SearchMethod.Evolution;
    public int Sweep { get; init; } = 21;
    public EvolutionOptions Evolution { get; init; } = new();
    /// <summary>Constrained search: the most accurate architecture with predicted latency at most this (ms).</summary>
    public double? MaxLatency { get; init; }
    public int Seed { get; init; }

    public SearchRequest Validate()
    {
        Require.That((PredictorPath is null) != (Device is null), "predictor", "give exactly one of --predictor and --device");
        Require.AtLeast(Sweep, 2, "sweep");
        if (MaxLatency is double limit) Require.Positive(limit, "max-latency");
        Evolution.Validate();
        return this;
    }
}

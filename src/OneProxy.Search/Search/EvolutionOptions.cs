namespace OneProxy.Search;

/// <summary>Evolutionary search settings; the defaults are the paper's (Appendix 3.9, "EA#1").</summary>
public sealed record EvolutionOptions
{
    public int PopulationSize { get; init; } = 1000;
    public double ParentRatio { get; init; } = 0.25;
    /// <summary>Per-gene resampling probability of a mutated child.</summary>
    public double MutationProbability { get; init; } = 0.1;
    /// <summary>Share of the population bred by mutating a parent; the rest of the children come from crossover.</summary>
    public double MutationRatio { get; init; } = 0.25;
    public int Generations { get; init; } = 50;

    public EvolutionOptions Validate()
    {
        Require.InRange(PopulationSize, 4, 1_000_000, "population");
        Require.That(ParentRatio is > 0 and < 1, "parent-ratio", $"must be in (0, 1) (got {ParentRatio})");
        Require.InRange(MutationProbability, 0.0, 1.0, "mutation-probability");
        Require.InRange(MutationRatio, 0.0, 1.0, "mutation-ratio");
        Require.That(ParentRatio + MutationRatio <= 1, "mutation-ratio", $"parent ratio {ParentRatio} + mutation ratio {MutationRatio} exceed 1");
        Require.InRange(Generations, 1, 100_000, "generations");
        return this;
    }
}

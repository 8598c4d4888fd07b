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
        if (PopulationSize < 4) throw new ArgumentOutOfRangeException(nameof(PopulationSize), PopulationSize, "population must be at least 4");
        if (ParentRatio is <= 0 or >= 1 || double.IsNaN(ParentRatio)) throw new ArgumentOutOfRangeException(nameof(ParentRatio), ParentRatio, "must be in (0, 1)");
        if (MutationProbability is < 0 or > 1 || double.IsNaN(MutationProbability)) throw new ArgumentOutOfRangeException(nameof(MutationProbability), MutationProbability, "must be in [0, 1]");
        if (MutationRatio is < 0 or > 1 || double.IsNaN(MutationRatio)) throw new ArgumentOutOfRangeException(nameof(MutationRatio), MutationRatio, "must be in [0, 1]");
        if (ParentRatio + MutationRatio > 1) throw new ArgumentOutOfRangeException(nameof(MutationRatio), MutationRatio, $"parent ratio {ParentRatio} + mutation ratio {MutationRatio} exceed 1");
        if (Generations < 1) throw new ArgumentOutOfRangeException(nameof(Generations), Generations, "need at least 1 generation");
        return this;
    }
}

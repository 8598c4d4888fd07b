using OneProxy.SearchSpaces;

namespace OneProxy.Search;

/// <summary>
/// The paper's evolutionary search (Appendix 3.9, after OFA's evolution finder): keep the fittest
/// ParentRatio of the population, breed MutationRatio of it by mutating random parents and the rest
/// by uniform crossover of random parent pairs, for a number of generations. Only children are
/// scored each generation, in one batched call.
/// </summary>
public sealed class EvolutionarySearch
{
    private readonly ArchitectureScorer _scorer;
    private readonly EvolutionOptions _options;

    public EvolutionarySearch(ArchitectureScorer scorer, EvolutionOptions? options = null)
    {
        _scorer = scorer;
        _options = (options ?? new EvolutionOptions()).Validate();
    }

    public EvolutionOptions Options => _options;

    /// <summary>One run minimising <paramref name="fitness"/>; returns the final parents, fittest first (ties: earlier-born first).</summary>
    public IReadOnlyList<Candidate> Run(Func<Candidate, double> fitness, Random rng)
    {
        var space = _scorer.Space;
        int n = _options.PopulationSize;
        int parents = Math.Max(2, (int)Math.Round(n * _options.ParentRatio));
        int mutants = (int)Math.Round(n * _options.MutationRatio);
        int crossovers = n - parents - mutants;
        var population = _scorer.Score(Enumerable.Range(0, n).Select(_ => space.Sample(rng)).ToArray());
        // Duplicates are dropped before selection, so in a small space there can be fewer survivors than 'parents'.
        var survivors = Fittest(population, fitness, parents);
        for (int g = 1; g < _options.Generations; g++)
        {
            var children = new Architecture[mutants + crossovers];
            for (int i = 0; i < mutants; i++)
                children[i] = space.Mutate(survivors[rng.Next(survivors.Length)].Architecture, _options.MutationProbability, rng);
            for (int i = 0; i < crossovers; i++)
                children[mutants + i] = space.Crossover(survivors[rng.Next(survivors.Length)].Architecture, survivors[rng.Next(survivors.Length)].Architecture, rng);
            var scored = _scorer.Score(children);
            survivors = Fittest([.. survivors, .. scored], fitness, parents);
        }
        return survivors;
    }

    /// <summary>Eq. 3.4 at one t, objectives scaled by <paramref name="scale"/>.</summary>
    public IReadOnlyList<Candidate> Run(double t, ObjectiveScale scale, Random rng) => Run(c => scale.Fitness(c, t), rng);

    /// <summary>
    /// The paper's sweep over t: one run per t (in parallel, each with its own Random derived
    /// from <paramref name="seed"/> and its position, so results do not depend on scheduling),
    /// then the non-dominated set of every run's final parents.
    /// </summary>
    public IReadOnlyList<Candidate> Sweep(IReadOnlyList<double> ts, int seed)
    {
        var scale = Scale(seed);
        var runs = new IReadOnlyList<Candidate>[ts.Count];
        Parallel.For(0, ts.Count, i => runs[i] = Run(ts[i], scale, new Random(unchecked(seed * 1_000_003 + i))));
        var all = runs.SelectMany(r => r).DistinctBy(c => c.Architecture).ToArray();
        return Pareto.NonDominated(all);
    }

    /// <summary>Objective scales from one random population of the configured size, drawn with <paramref name="seed"/>.</summary>
    public ObjectiveScale Scale(int seed)
    {
        var rng = new Random(seed);
        return ObjectiveScale.From(_scorer.Score(Enumerable.Range(0, _options.PopulationSize).Select(_ => _scorer.Space.Sample(rng)).ToArray()));
    }

    /// <summary>t = 0, 1/(count-1), ..., 1.</summary>
    public static double[] EvenTs(int count)
    {
        if (count < 2) throw new ArgumentOutOfRangeException(nameof(count), count, "need at least 2 values of t");
        return Enumerable.Range(0, count).Select(i => i / (double)(count - 1)).ToArray();
    }

    private static Candidate[] Fittest(IReadOnlyList<Candidate> pool, Func<Candidate, double> fitness, int count)
    {
        var unique = pool.DistinctBy(c => c.Architecture).ToArray();
        var keys = unique.Select(fitness).ToArray();
        var order = Enumerable.Range(0, unique.Length).OrderBy(i => keys[i]).ThenBy(i => i).Take(count);
        return order.Select(i => unique[i]).ToArray();
    }
}

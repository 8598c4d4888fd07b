using OneProxy.SearchSpaces;

namespace OneProxy.Search;

/// <summary>
/// NSGA-II for the two objectives (latency down, accuracy up): a whole front from one run.
/// Parents by binary tournament on (rank, crowding); children by uniform crossover then per-gene
/// mutation; survivors by non-dominated rank, then crowding distance.
/// </summary>
public sealed class Nsga2Search
{
    private readonly ArchitectureScorer _scorer;
    private readonly EvolutionOptions _options;

    public Nsga2Search(ArchitectureScorer scorer, EvolutionOptions? options = null)
    {
        _scorer = scorer;
        _options = (options ?? new EvolutionOptions()).Validate();
    }

    public IReadOnlyList<Candidate> Run(Random rng)
    {
        var space = _scorer.Space;
        int n = _options.PopulationSize;
        var population = _scorer.Score(Enumerable.Range(0, n).Select(_ => space.Sample(rng)).ToArray());
        var (rank, crowd) = RankAndCrowd(population);
        for (int g = 1; g < _options.Generations; g++)
        {
            var children = new Architecture[n];
            for (int i = 0; i < n; i++)
            {
                var a = population[Tournament(rank, crowd, rng)].Architecture;
                var b = population[Tournament(rank, crowd, rng)].Architecture;
                children[i] = space.Mutate(space.Crossover(a, b, rng), _options.MutationProbability, rng);
            }
            var merged = population.Concat(_scorer.Score(children)).DistinctBy(c => c.Architecture).ToArray();
            var (mr, mc) = RankAndCrowd(merged);
            var keep = Enumerable.Range(0, merged.Length).OrderBy(i => mr[i]).ThenByDescending(i => mc[i]).ThenBy(i => i).Take(n).ToArray();
            population = keep.Select(i => merged[i]).ToArray();
            (rank, crowd) = RankAndCrowd(population);
        }
        return Pareto.NonDominated(population);
    }

    private static int Tournament(int[] rank, double[] crowd, Random rng)
    {
        int a = rng.Next(rank.Length), b = rng.Next(rank.Length);
        if (rank[a] != rank[b]) return rank[a] < rank[b] ? a : b;
        return crowd[a] >= crowd[b] ? a : b;
    }

    /// <summary>
    /// Non-dominated ranks in O(n log n) for two objectives: in ascending latency, a point joins the
    /// first front whose best accuracy so far is below its own (fronts' best accuracies decrease
    /// with rank, so a binary search finds it). Then crowding distance within each front.
    /// </summary>
    public static (int[] Rank, double[] Crowding) RankAndCrowd(IReadOnlyList<Candidate> pop)
    {
        int n = pop.Count;
        var order = Enumerable.Range(0, n).OrderBy(i => pop[i].LatencyMs).ThenByDescending(i => pop[i].AccuracyPercent).ThenBy(i => i).ToArray();
        var rank = new int[n];
        var frontBest = new List<double>();
        foreach (var i in order)
        {
            double acc = pop[i].AccuracyPercent;
            int lo = 0, hi = frontBest.Count;
            while (lo < hi)
            {
                int mid = (lo + hi) / 2;
                if (frontBest[mid] < acc) hi = mid; else lo = mid + 1;
            }
            if (lo == frontBest.Count) frontBest.Add(acc); else frontBest[lo] = acc;
            rank[i] = lo;
        }
        var crowd = new double[n];
        foreach (var front in Enumerable.Range(0, n).GroupBy(i => rank[i]))
        {
            var members = front.ToArray();
            foreach (var objective in new Func<Candidate, double>[] { c => c.LatencyMs, c => c.AccuracyPercent })
            {
                var sorted = members.OrderBy(i => objective(pop[i])).ThenBy(i => i).ToArray();
                double span = objective(pop[sorted[^1]]) - objective(pop[sorted[0]]);
                crowd[sorted[0]] = crowd[sorted[^1]] = double.PositiveInfinity;
                if (span <= 0) continue;
                for (int k = 1; k < sorted.Length - 1; k++)
                    crowd[sorted[k]] += (objective(pop[sorted[k + 1]]) - objective(pop[sorted[k - 1]])) / span;
            }
        }
        return (rank, crowd);
    }
}

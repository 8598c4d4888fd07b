using OneProxy.SearchSpaces;

namespace OneProxy.Search;

/// <summary>
/// NSGA-II for any number of metrics as an ask/tell strategy: the first ask is a random
/// population, each later ask is a batch of children (binary tournament on rank and crowding,
/// uniform crossover, per-gene mutation); survivors by rank then crowding. Deterministic for a seed.
/// </summary>
public sealed class Nsga2Strategy : ISearchStrategy
{
    private readonly ISearchSpace _space;
    private readonly IReadOnlyList<Metric> _metrics;
    private readonly EvolutionOptions _options;
    private readonly Random _rng;
    private readonly Dictionary<Architecture, double[]> _seen = [];
    private List<ScoredArchitecture> _population = [];
    private int[] _rank = [];
    private double[] _crowd = [];
    private int _generation;

    public Nsga2Strategy(ISearchSpace space, IReadOnlyList<Metric> metrics, EvolutionOptions options, SeedStream seed)
    {
        _space = space;
        _metrics = metrics;
        _options = options.Validate();
        _rng = seed.Random("nsga2");
    }

    public IReadOnlyList<Architecture> Ask()
    {
        if (_generation >= _options.Generations) return [];
        int n = _options.PopulationSize;
        if (_generation == 0) return Enumerable.Range(0, n).Select(_ => _space.Sample(_rng)).ToArray();
        var children = new Architecture[n];
        for (int i = 0; i < n; i++)
        {
            var a = _population[Tournament()].Architecture;
            var b = _population[Tournament()].Architecture;
            children[i] = _space.Mutate(_space.Crossover(a, b, _rng), _options.MutationProbability, _rng);
        }
        return children;
    }

    public void Tell(IReadOnlyList<Architecture> batch, IReadOnlyList<double[]> values)
    {
        if (batch.Count != values.Count) throw new ArgumentException($"{batch.Count} architectures but {values.Count} value rows");
        var merged = new List<ScoredArchitecture>(_population);
        for (int i = 0; i < batch.Count; i++)
        {
            if (values[i].Length != _metrics.Count) throw new ArgumentException($"row {i} has {values[i].Length} values for {_metrics.Count} metrics");
            if (_seen.TryAdd(batch[i], values[i])) merged.Add(new ScoredArchitecture(batch[i], values[i]));
        }
        var pts = merged.Select(s => s.Values).ToArray();
        var rank = NonDominatedSorting.Ranks(_metrics, pts);
        var crowd = NonDominatedSorting.Crowding(_metrics, pts, rank);
        var keep = Enumerable.Range(0, merged.Count).OrderBy(i => rank[i]).ThenByDescending(i => crowd[i]).ThenBy(i => i)
            .Take(_options.PopulationSize).ToArray();
        _population = keep.Select(i => merged[i]).ToList();
        _rank = keep.Select(i => rank[i]).ToArray();
        _crowd = keep.Select(i => crowd[i]).ToArray();
        _generation++;
    }

    public IReadOnlyList<ScoredArchitecture> Front
    {
        get
        {
            var all = _seen.Select(p => new ScoredArchitecture(p.Key, p.Value)).ToArray();
            return ParetoSet.NonDominated(_metrics, all.Select(a => a.Values).ToArray()).Select(i => all[i]).ToArray();
        }
    }

    private int Tournament()
    {
        int a = _rng.Next(_population.Count), b = _rng.Next(_population.Count);
        if (_rank[a] != _rank[b]) return _rank[a] < _rank[b] ? a : b;
        return _crowd[a] >= _crowd[b] ? a : b;
    }
}

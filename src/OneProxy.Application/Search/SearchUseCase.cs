using System.Diagnostics;
using OneProxy.Accuracy;
using OneProxy.Predictors;
using OneProxy.Search;
using OneProxy.SearchSpaces;

namespace OneProxy.Application.Search;

/// <summary>
/// Search on a latency predictor. One random consumer per run (the search itself), so it takes
/// the request's seed as given and earlier fronts still reproduce.
/// </summary>
public static class SearchUseCase
{
    public static SearchReport Run(SearchRequest request, CancellationToken cancellation = default)
    {
        request.Validate();
        var notes = new List<string>();
        var space = SearchSpaceRegistry.Get(request.Latency.Space);
        var model = LoadPredictor(request, space, notes);
        var (acc, accNote) = (request.Accuracy with { PredictorPath = request.AccuracyPredictorPath ?? request.Accuracy.PredictorPath }).LoadSource(space);
        notes.Add(accNote);
        var covered = Covered(acc, space, request.Method, notes);
        cancellation.ThrowIfCancellationRequested();
        var scorer = new ArchitectureScorer(space, model, acc);
        Candidate[] ScoreAll() => covered is null ? ExhaustiveSearch.ScoreAll(scorer) : scorer.Score(covered);
        var sw = Stopwatch.StartNew();
        IReadOnlyList<Candidate> result;
        if (request.Method == SearchMethod.Gradient) result = GradientFront.Run(space, model, acc, request, notes);
        else if (request.MaxLatency is double limit)
        {
            Candidate? best = request.Method == SearchMethod.Exhaustive
                ? ExhaustiveSearch.Constrained(ScoreAll(), limit)
                : new EvolutionarySearch(scorer, request.Evolution).Run(ConstrainedFitness.Within(limit), new Random(request.Seed)).FirstOrDefault(c => c.LatencyMs <= limit);
            result = best is null ? [] : [best];
            if (best is null) notes.Add($"no architecture found with predicted latency <= {limit} ms");
        }
        else result = request.Method switch
        {
            SearchMethod.Exhaustive => Pareto.NonDominated(ScoreAll()),
            SearchMethod.Nsga2 => new Nsga2Search(scorer, request.Evolution).Run(new Random(request.Seed)),
            _ => new EvolutionarySearch(scorer, request.Evolution).Sweep(EvolutionarySearch.EvenTs(request.Sweep), request.Seed),
        };
        sw.Stop();
        int belowZero = result.Count(c => c.LatencyMs < 0);
        if (belowZero > 0)
            notes.Add($"warning: {belowZero} of {result.Count} architecture(s) predicted below zero by {model.Name}: the predictor was not fitted non-negative (refit with fit-predictor, non-negative by default)");
        var report = new SearchReport(space, model.Name, request.Method, result, sw.Elapsed, notes, acc is not TableAccuracy);
        notes.Add($"{report.MethodName} search on {model.Name}: {result.Count} architecture(s) in {sw.Elapsed.TotalMilliseconds:0} ms");
        return report;
    }

    /// <summary>
    /// An accuracy table that misses architectures (a published subset, or cells marked missing):
    /// exhaustive search runs over the covered ones and says how many were left out; evolution would
    /// breed architectures nobody can score, so it stops with one line saying what to use instead.
    /// </summary>
    private static Architecture[]? Covered(IAccuracySource acc, ISearchSpace space, SearchMethod method, List<string> notes)
    {
        bool enumerable = space.Size <= EnumerableLimit;
        if (acc is not TableAccuracy table || table.Count >= space.Size)
        {
            if (method == SearchMethod.Exhaustive && !enumerable)
                throw new InvalidOptionException("method", $"{space.Name} has {space.Size} architectures, too many to enumerate: use --method evolution or nsga2");
            return null;
        }
        if (method != SearchMethod.Exhaustive)
            throw new InvalidOptionException("accuracy", $"{table.Name} has an accuracy for {table.Count} of {space.Name}'s {space.Size} architectures; "
                + $"evolutionary search needs every one: use --method exhaustive (searches the {table.Count} covered ones) or --accuracy-predictor MLP.json");
        // A space too large to enumerate: the table's own architectures are the covered ones.
        var covered = enumerable ? space.Enumerate().Where(table.Contains).ToArray() : table.Architectures.ToArray();
        notes.Add($"accuracy covers {covered.Length} of {space.Size} architectures: searching those only ({space.Size - covered.Length} left out)");
        return covered;
    }

    /// <summary>Spaces up to this size are enumerated by exhaustive search (NAS-Bench-201: 15,625).</summary>
    private const int EnumerableLimit = 5_000_000;

    /// <summary>The predictor file, or least squares on the device's column of the latency table.</summary>
    public static LinearPredictor LoadPredictor(SearchRequest request, ISearchSpace space, List<string> notes)
    {
        if (request.PredictorPath is string file) return PredictorFile.Load(file, space);
        var loaded = request.Latency.Load();
        notes.AddRange(loaded.Notes);
        Require.That(loaded.Table.HasColumn(request.Device!), "device", $"{loaded.Path} has no device column '{request.Device}'");
        return new CharacterisedDevices(space, loaded.Table).Predictor(request.Device!);
    }
}

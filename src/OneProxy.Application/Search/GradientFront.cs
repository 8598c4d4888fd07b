using OneProxy.Accuracy;
using OneProxy.Energy.Gradient;
using OneProxy.Predictors;
using OneProxy.Search;
using OneProxy.SearchSpaces;

namespace OneProxy.Application.Search;

/// <summary>
/// <c>search --method gradient</c>: the ProxylessNAS-style gradient search of <c>energy gradient-search</c>
/// (categorical per gene, exact expected latency of the linear predictor, straight-through
/// Gumbel-softmax on an MLP accuracy predictor, Adam on the logits, 16 trade-off weights) on the
/// request's predictor. It needs a differentiable accuracy: the MLP of --accuracy-predictor, or an
/// MLP fitted here on 1,000 seeded architectures of the accuracy table. The front is re-scored with
/// the request's accuracy source, so it is comparable with the other methods' fronts.
/// </summary>
public static class GradientFront
{
    public static IReadOnlyList<Candidate> Run(ISearchSpace space, LinearPredictor latency, IAccuracySource accuracy, SearchRequest request, List<string> notes)
    {
        if (new OneHotLayout(space.GeneChoices).FeatureCount != space.FeatureCount)
            throw new InvalidOptionException("method", $"{space.Name} does not encode one choice per gene (blocks depend on the depth genes), which gradient search needs: use --method evolution or nsga2");
        var layout = GradientSearchUseCase.Layout(space);
        var seeds = new SeedStream(request.Seed);
        if (accuracy is not MlpAccuracyPredictor mlp)
        {
            var rng = seeds.Random("search/gradient/mlp");
            var train = space.SampleDistinct(1000, rng);
            mlp = MlpTrainer.Train(space, train, accuracy.PredictAll(train), new MlpOptions(), rng);
            notes.Add("gradient search: MLP accuracy predictor fitted on 1,000 seeded architectures of the accuracy table (the front is scored with the table)");
        }
        var scorer = new ArchitectureScorer(space, latency, accuracy);
        var sample = new ArchitectureScorer(space, latency, mlp).Score(space.SampleDistinct(2000, seeds.Random("search/gradient/ranges")));
        var search = new GradientSearch(layout, GradientSearchUseCase.ToNetwork(mlp), latency.Weights, null,
            (sample.Min(c => c.AccuracyPercent), sample.Max(c => c.AccuracyPercent)), (sample.Min(c => c.LatencyMs), sample.Max(c => c.LatencyMs)), (0, 1));
        var found = search.Run(new GradientSearchOptions(), seeds.Random("search/gradient"));
        var archs = found.Evaluated.Select(p => space.Canonicalize(p.Genes)).Distinct().ToArray();
        notes.Add($"gradient search: {found.PredictorCalls} accuracy-predictor calls, {archs.Length} distinct architectures");
        var scored = scorer.Score(archs);
        if (request.MaxLatency is double limit)
        {
            var best = scored.Where(c => c.LatencyMs <= limit).MaxBy(c => c.AccuracyPercent);
            return best is null ? [] : [best];
        }
        return Pareto.NonDominated(scored.ToList());
    }
}

using System.Diagnostics;
using OneProxy.Accuracy;
using OneProxy.Data;
using OneProxy.Energy.Gradient;
using OneProxy.Learning;
using OneProxy.Predictors;
using OneProxy.Search;
using OneProxy.SearchSpaces;

namespace OneProxy.Energy.Gradient;

/// <summary>Options of <c>oneproxy energy gradient-search</c>: NAS-Bench-201, a device column's linear predictor, an MLP accuracy predictor.</summary>
public sealed record GradientSearchRunOptions(string Space, string LatencyPath, string Device, string AccuracyPath, string AccuracyColumn,
    int TrainArchitectures, int Seeds, int Seed, GradientSearchOptions Search)
{
    public GradientSearchRunOptions Validated()
    {
        if (TrainArchitectures < 20) throw new InvalidOptionException("train", $"must be >= 20 (got {TrainArchitectures})");
        if (Seeds < 1) throw new InvalidOptionException("seeds", $"must be >= 1 (got {Seeds})");
        Search.Validated();
        return this;
    }
}

public sealed record GradientSearchSeedRow(int Seed, int GradientCalls, int EvolutionCalls, double GradientHv, double EvolutionHv, double GradientSeconds, double EvolutionSeconds);

public sealed record GradientSearchRunResult(string Device, int OracleFront, IReadOnlyList<GradientSearchSeedRow> Rows);

/// <summary>
/// Gradient search against NSGA-II on the same predictors at equal predictor calls: both fronts
/// are taken from every architecture each method scored, and compared to the exhaustive front of
/// the same predictors by hypervolume ratio (reference: the oracle front's worst point).
/// </summary>
public static class GradientSearchUseCase
{
    public static GradientSearchRunResult Run(GradientSearchRunOptions options, CancellationToken ct = default)
    {
        var o = options.Validated();
        var space = SearchSpaceRegistry.Get(o.Space);
        var layout = Layout(space);
        var table = WideTableReader.ReadLatency(o.LatencyPath, space);
        var archs = table.RequireArchitectures();
        var col = table.Column(o.Device).ToArray();
        var rows = WideTable.MeasuredRows(col);
        var measured = rows.Select(i => archs[i]).ToArray();
        var latency = LinearPredictorFitter.Fit(new FeatureMatrix(space, measured), rows.Select(i => col[i]).ToArray(), o.Device);
        var accTable = new TableAccuracy(WideTableReader.Read(o.AccuracyPath, ValueKind.AccuracyPercent, space), o.AccuracyColumn);
        var result = new List<GradientSearchSeedRow>();
        int oracleSize = 0;
        for (int k = 0; k < o.Seeds; k++)
        {
            ct.ThrowIfCancellationRequested();
            var seeds = new SeedStream(o.Seed).Derive("gradient-search", k);
            var trainRng = new Random((int)(seeds.Derive("mlp-train").State & 0x7FFFFFFF));
            var train = space.SampleDistinct(o.TrainArchitectures, trainRng);
            var mlp = MlpTrainer.Train(space, train, accTable.PredictAll(train), new MlpOptions(), trainRng);
            var net = ToNetwork(mlp);
            var oracle = Pareto.NonDominated(ExhaustiveSearch.ScoreAll(new ArchitectureScorer(space, latency, mlp)));
            oracleSize = oracle.Count;
            var scored = ExhaustiveSearch.ScoreAll(new ArchitectureScorer(space, latency, mlp));
            var search = new GradientSearch(layout, net, latency.Weights, null,
                (scored.Min(c => c.AccuracyPercent), scored.Max(c => c.AccuracyPercent)), (scored.Min(c => c.LatencyMs), scored.Max(c => c.LatencyMs)), (0, 1));
            var sw = Stopwatch.StartNew();
            var g = search.Run(o.Search, new Random((int)(seeds.Derive("gradient").State & 0x7FFFFFFF)), ct);
            double gSec = sw.Elapsed.TotalSeconds;
            var gFront = Pareto.NonDominated(g.Evaluated.Select(p => new Candidate(space.Canonicalize(p.Genes), p.Latency, p.Accuracy)).ToList());
            // NSGA-II with the same number of accuracy-predictor calls (population x generations).
            int pop = Math.Max(8, (int)Math.Round(Math.Sqrt(g.PredictorCalls / 2.0)));
            int gens = Math.Max(1, g.PredictorCalls / pop);
            var recorder = new RecordingAccuracy(mlp);
            sw.Restart();
            new Nsga2Search(new ArchitectureScorer(space, latency, recorder), new EvolutionOptions { PopulationSize = pop, Generations = gens })
                .Run(new Random((int)(seeds.Derive("nsga2").State & 0x7FFFFFFF)));
            double eSec = sw.Elapsed.TotalSeconds;
            var eAll = recorder.Seen.ToArray();
            var eFront = Pareto.NonDominated(new ArchitectureScorer(space, latency, mlp).Score(eAll));
            result.Add(new GradientSearchSeedRow(k, g.PredictorCalls, recorder.Calls, Pareto.HypervolumeRatio(gFront, oracle), Pareto.HypervolumeRatio(eFront, oracle), gSec, eSec));
        }
        return new GradientSearchRunResult(o.Device, oracleSize, result);
    }

    /// <summary>The space's encoding as a one-hot layout, checked on every gene and choice (a space that mixes genes is refused).</summary>
    public static OneHotLayout Layout(ISearchSpace space)
    {
        var layout = new OneHotLayout(space.GeneChoices);
        if (layout.FeatureCount != space.FeatureCount)
            throw new InvalidOptionException("space", $"{space.Name} does not encode one-hot per gene ({space.FeatureCount} features, {layout.FeatureCount} expected)");
        var genes = new int[layout.GeneCount];
        var a = new double[layout.FeatureCount];
        var b = new double[layout.FeatureCount];
        for (int g = 0; g < layout.GeneCount; g++)
            for (int c = 0; c < layout.Choices[g]; c++)
            {
                Array.Clear(genes);
                genes[g] = c;
                space.Encode(new Architecture(genes), a);
                layout.Encode(genes, b);
                if (!a.AsSpan().SequenceEqual(b))
                    throw new InvalidOptionException("space", $"{space.Name}'s encoding is not one-hot per gene (gene {g}, choice {c}); gradient search needs one");
            }
        return layout;
    }

    /// <summary>The trained MLP as a <see cref="DenseNetwork"/> (same weights, output de-standardised), for its input gradient.</summary>
    public static DenseNetwork ToNetwork(MlpAccuracyPredictor mlp)
    {
        var sizes = new List<int> { mlp.Weights[0].GetLength(1) };
        sizes.AddRange(mlp.Weights.Select(w => w.GetLength(0)));
        var net = new DenseNetwork(sizes);
        for (int l = 0; l < mlp.Weights.Length; l++)
        {
            var w = mlp.Weights[l];
            bool last = l == mlp.Weights.Length - 1;
            double scale = last ? mlp.TargetStd : 1;
            int wo = net.WeightOffset(l), bo = net.BiasOffset(l);
            for (int r = 0; r < w.GetLength(0); r++)
            {
                for (int c = 0; c < w.GetLength(1); c++) net.Parameters[wo + r * w.GetLength(1) + c] = w[r, c] * scale;
                net.Parameters[bo + r] = mlp.Biases[l][r] * scale + (last ? mlp.TargetMean : 0);
            }
        }
        return net;
    }

    private sealed class RecordingAccuracy(IAccuracySource inner) : IAccuracySource
    {
        public string Name => inner.Name;
        public HashSet<Architecture> Seen { get; } = [];
        public int Calls { get; private set; }

        public double[] PredictAll(IReadOnlyList<Architecture> architectures)
        {
            Calls += architectures.Count;
            foreach (var a in architectures) Seen.Add(a);
            return inner.PredictAll(architectures);
        }
    }
}

using OneProxy.Predictors;
using OneProxy.Accuracy;
using OneProxy.Adaptation;
using OneProxy.Data;
using OneProxy.Search;
using OneProxy.SearchSpaces;

namespace OneProxy.Tests.Search;

public class SearchTests
{
    private static readonly NasBench201Space Space = new();

    internal static TableAccuracy Cifar10 => new(WideTableReader.Read(DatasetLocator.File("nasbench201", "architectures.csv"), ValueKind.AccuracyPercent, Space), "cifar10_test_acc");

    private static ArchitectureScorer Scorer(string device) =>
        new(Space, new CharacterisedDevices(Space, TestData.NasBench201Latency).Predictor(device), Cifar10);

    [SkippableFact]
    public void EvolutionSweepIsSeededAndCloseToTheExhaustiveFront()
    {
        TestData.RequireSharedDatasets();
        var scorer = Scorer("pixel3");
        var exact = ExhaustiveSearch.Front(scorer);
        var evo = new EvolutionarySearch(scorer, new EvolutionOptions { PopulationSize = 300, Generations = 20 });
        var a = evo.Sweep(EvolutionarySearch.EvenTs(11), 4);
        var b = evo.Sweep(EvolutionarySearch.EvenTs(11), 4);
        Assert.Equal(a.Select(c => c.Architecture), b.Select(c => c.Architecture));
        double refLat = exact.Max(c => c.LatencyMs), refAcc = exact.Min(c => c.AccuracyPercent);
        double ratio = Pareto.Hypervolume(a, refLat, refAcc) / Pareto.Hypervolume(exact, refLat, refAcc);
        Assert.InRange(ratio, 0.98, 1.0 + 1e-9); // predicted objectives: the exhaustive front is optimal
    }

    [SkippableFact]
    public void NsgaFindsMostOfTheFrontInOneRun()
    {
        TestData.RequireSharedDatasets();
        var scorer = Scorer("gold_6226");
        var exact = ExhaustiveSearch.Front(scorer);
        var front = new Nsga2Search(scorer, new EvolutionOptions { PopulationSize = 300, Generations = 30 }).Run(new Random(1));
        double refLat = exact.Max(c => c.LatencyMs), refAcc = exact.Min(c => c.AccuracyPercent);
        Assert.InRange(Pareto.Hypervolume(front, refLat, refAcc) / Pareto.Hypervolume(exact, refLat, refAcc), 0.97, 1.0 + 1e-9);
    }

    [SkippableFact]
    public void ConstrainedExhaustiveSearchRespectsTheLimit()
    {
        TestData.RequireSharedDatasets();
        var scored = ExhaustiveSearch.ScoreAll(Scorer("raspi4"));
        double limit = scored.Select(c => c.LatencyMs).Order().ElementAt(scored.Length / 2);
        var best = ExhaustiveSearch.Constrained(scored, limit)!;
        Assert.True(best.LatencyMs <= limit);
        Assert.Equal(scored.Where(c => c.LatencyMs <= limit).Max(c => c.AccuracyPercent), best.AccuracyPercent);
        Assert.Null(ExhaustiveSearch.Constrained(scored, scored.Min(c => c.LatencyMs) - 1));
    }

    [Fact]
    public void OptionsAndAccuracyLookupFailLoudly()
    {
        Assert.Throws<InvalidOptionException>(() => new EvolutionOptions { ParentRatio = 0.8, MutationRatio = 0.3 }.Validate());
        var fb = new FbNetSpace();
        var unknown = fb.Parse(string.Join('-', Enumerable.Repeat("skip", 22)));
        var table = WideTableReader.Read(new StringReader("arch,acc\n" + string.Join('-', Enumerable.Repeat("k3_e1", 22)) + ",70\n"), "mem", ValueKind.AccuracyPercent, fb);
        Assert.Contains("no accuracy", Assert.Throws<UnusableDataException>(() => new TableAccuracy(table, "acc").PredictAll([unknown])).Message);
    }
}

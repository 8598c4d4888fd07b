using OneProxy.Predictors;
using OneProxy.Search;
using OneProxy.SearchSpaces;

namespace OneProxy.Tests.Search;

public class MultiObjectiveSearchTests
{
    private static readonly NasBench201Space Space = new();

    /// <summary>Three objectives on NAS-Bench-201: pixel3 latency, eyeriss latency (an energy-like accelerator cost), accuracy.</summary>
    private static PredictorObjectives ThreeObjectives()
    {
        var chars = new CharacterisedDevices(Space, TestData.NasBench201Latency);
        return new PredictorObjectives(Space,
            [(Metric.LatencyMs, chars.Predictor("pixel3")), (Metric.EnergyMj with { Name = "eyeriss_ms" }, chars.Predictor("eyeriss"))],
            SearchTests.Cifar10);
    }

    [SkippableFact]
    public void NsgaOnThreeObjectivesRecoversMostOfTheExhaustiveHypervolume()
    {
        TestData.RequireSharedDatasets();
        var objectives = ThreeObjectives();
        var all = Space.Enumerate().ToArray();
        var values = objectives.Evaluate(all);
        var exact = ParetoSet.NonDominated(objectives.Metrics, values).Select(i => values[i]).ToArray();

        var strategy = new Nsga2Strategy(Space, objectives.Metrics, new EvolutionOptions { PopulationSize = 200, Generations = 25 }, new SeedStream(1));
        var outcome = SearchRunner.Run(strategy, objectives, new SearchBudget());
        Assert.Equal(25, outcome.Batches);
        Assert.True(outcome.Evaluations <= 25 * 200);
        double ratio = Hypervolume.Ratio(objectives.Metrics, outcome.Front.Select(f => f.Values).ToArray(), exact);
        Assert.InRange(ratio, 0.95, 1.0 + 1e-9);

        var again = SearchRunner.Run(new Nsga2Strategy(Space, objectives.Metrics, new EvolutionOptions { PopulationSize = 200, Generations = 25 }, new SeedStream(1)), objectives, new SearchBudget());
        Assert.Equal(outcome.Front.Select(f => f.Architecture), again.Front.Select(f => f.Architecture));
    }

    [SkippableFact]
    public void BudgetsAndCancellationStopTheRun()
    {
        TestData.RequireSharedDatasets();
        var objectives = ThreeObjectives();
        var strategy = new Nsga2Strategy(Space, objectives.Metrics, new EvolutionOptions { PopulationSize = 50, Generations = 1000 }, new SeedStream(2));
        var outcome = SearchRunner.Run(strategy, objectives, new SearchBudget { MaxEvaluations = 120 });
        Assert.True(outcome.StoppedByBudget);
        Assert.Equal(150, outcome.Evaluations); // stops at the first batch boundary past the budget
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.Throws<OperationCanceledException>(() => SearchRunner.Run(strategy, objectives, new SearchBudget(), cts.Token));
    }

    [Fact]
    public void RanksFollowDominanceAndCrowdingMarksTheEnds()
    {
        Metric[] m = [Metric.LatencyMs, Metric.EnergyMj, Metric.AccuracyPercent];
        double[][] p = [[1, 5, 70], [2, 1, 70], [2, 2, 69], [3, 3, 90], [1, 5, 70], [4, 4, 80]];
        var rank = NonDominatedSorting.Ranks(m, p);
        Assert.Equal([0, 0, 1, 0, 1, 1], rank);
        var crowd = NonDominatedSorting.Crowding(m, p, rank);
        Assert.True(double.IsPositiveInfinity(crowd[0]) && double.IsPositiveInfinity(crowd[3]));
    }

    [SkippableFact]
    public void NonFiniteObjectivesAreRefusedWithTheModelName()
    {
        TestData.RequireSharedDatasets();
        var bad = new PredictorObjectives(Space, [(Metric.LatencyMs, new LinearPredictor(Space.Name, "huge", Enumerable.Repeat(double.MaxValue, Space.FeatureCount).ToArray(), "test", 0))], SearchTests.Cifar10);
        var e = Assert.Throws<UnusableDataException>(() => bad.Evaluate([Space.Enumerate().First(a => a.Genes.ToArray().All(g => g == 3))]));
        Assert.Contains("huge", e.Message);
    }
}

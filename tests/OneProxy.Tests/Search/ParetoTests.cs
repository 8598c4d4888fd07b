using OneProxy.Search;
using OneProxy.SearchSpaces;

namespace OneProxy.Tests.Search;

public class ParetoTests
{
    [Fact]
    public void NonDominatedKeepsTheStaircaseInLatencyOrder()
    {
        double[] lat = [3, 1, 2, 2, 4, 1];
        double[] acc = [90, 70, 80, 75, 85, 70];
        // (1,70) twice: the first index wins; (2,75) and (4,85) are dominated.
        Assert.Equal([1, 2, 0], Pareto.NonDominated(lat, acc));
    }

    [Fact]
    public void HypervolumeMatchesHandComputedArea()
    {
        // Points (1,70), (2,80), (3,90); reference (4, 60): 3*10 + 2*10 + 1*10 = 60.
        Assert.Equal(60, Pareto.Hypervolume([1.0, 2, 3], [70.0, 80, 90], 4, 60), 12);
        // A point beyond the reference adds nothing; a dominated one adds nothing.
        Assert.Equal(60, Pareto.Hypervolume([1.0, 2, 3, 5, 2.5], [70.0, 80, 90, 99, 79], 4, 60), 12);
        Assert.Equal(0, Pareto.Hypervolume([5.0], [99.0], 4, 60));
        Assert.Throws<ArgumentException>(() => Pareto.NonDominated([1.0, double.NaN], [1.0, 2]));
    }

    [Fact]
    public void RatioIsOneForTheOracleAndUsesTheOraclesWorstPointsAsReference()
    {
        var a = new Architecture([0]);
        var oracle = new[] { new Candidate(a, 1, 70), new Candidate(a, 2, 80), new Candidate(a, 3, 90) };
        Assert.Equal(1.0, Pareto.HypervolumeRatio(oracle, oracle), 12);
        // Reference (3, 70), the oracle's own worst corner: its extreme points add no area, so the
        // oracle's HV is 1*10 (the middle point alone) and a set without that point scores 0.
        Assert.Equal(0.0, Pareto.HypervolumeRatio([oracle[0], oracle[2]], oracle), 12);
        Assert.Equal(0.5, Pareto.HypervolumeRatio([oracle[0], new Candidate(a, 2.5, 80)], oracle), 12);
    }

    [Fact]
    public void NsgaRanksPeelFrontsInOrder()
    {
        var a = new Architecture([0]);
        var pop = new[] { new Candidate(a, 1, 70), new Candidate(a, 2, 80), new Candidate(a, 2, 75), new Candidate(a, 3, 74), new Candidate(a, 0.5, 60) };
        var (rank, crowd) = Nsga2Search.RankAndCrowd(pop);
        Assert.Equal([0, 0, 1, 2, 0], rank);
        Assert.True(double.IsPositiveInfinity(crowd[4]) && double.IsPositiveInfinity(crowd[1]));
    }
}

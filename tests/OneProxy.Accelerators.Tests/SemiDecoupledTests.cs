using OneProxy.Accelerators.Codesign;

namespace OneProxy.Accelerators.Tests;

/// <summary>Algorithm 6 on small synthetic tables (not MAESTRO data).</summary>
public class SemiDecoupledTests
{
    // 6 models x 3 accelerators; accelerator 2 is accelerator 0 scaled (perfectly monotone), accelerator 1 reorders cycles.
    private static readonly double[] Acc = [70, 72, 74, 71, 75, 73];
    private static readonly double[][] Cyc = [[10, 20, 30, 15, 40, 35], [30, 20, 10, 15, 40, 35], [20, 40, 60, 30, 80, 70]];
    private static readonly double[][] En = [[5, 6, 7, 8, 9, 10], [5, 6, 7, 8, 9, 10], [10, 12, 14, 16, 18, 20]];

    [Fact]
    public void ParetoStageIsTheProxyFront()
    {
        var s = SemiDecoupled.Stage1(0, Acc, Cyc, En, 20, StageRule.Pareto);
        Assert.Equal([0, 1, 2, 3, 4], s.P.Order()); // model 5 (73, 35, 10) is dominated by model 2 (74, 30, 7)
        var s2 = SemiDecoupled.Stage1(0, Acc, Cyc, En, 20, StageRule.Pareto, paretoLayers: 2);
        Assert.Equal(6, s2.P.Count);
    }

    [Fact]
    public void SemiDecoupledFindsTheCoupledOptimumUnderMonotonicityWithFewerEvaluations()
    {
        var budget = new Constraint(60, 14);
        var coupled = SemiDecoupled.Coupled([0, 1, 2], Acc, Cyc, En, budget);
        var s1 = SemiDecoupled.Stage1(2, Acc, Cyc, En, 20, StageRule.Pareto);
        var semi = SemiDecoupled.Stage2(s1, [0, 1, 2], Acc, Cyc, En, budget);
        Assert.Equal(18, coupled.Evaluations);
        Assert.Equal(6 + 2 * s1.P.Count, semi.Evaluations);
        Assert.Equal(coupled.Accuracy, semi.Accuracy);
        Assert.Equal(75, semi.Accuracy); // model 4: 40 cycles, 9 energy on accelerator 0
        Assert.Equal(0, semi.Accelerator);
    }

    [Fact]
    public void NoFeasibleMemberGivesNoChoice()
    {
        var s1 = SemiDecoupled.Stage1(0, Acc, Cyc, En, 20, StageRule.Pareto);
        var semi = SemiDecoupled.Stage2(s1, [2], Acc, Cyc, En, new Constraint(5, 1));
        Assert.Equal(-1, semi.Model);
        Assert.True(double.IsNaN(semi.Accuracy));
    }
}

using OneProxy.Aquaman.Environments;
using OneProxy.Aquaman.Evaluation;
using OneProxy.Aquaman.Policies;

namespace OneProxy.Aquaman.Tests;

public class BootstrapEnsembleTests
{
    private static readonly ThesisEnvironment Env = new();

    [Fact]
    public void Weighted_history_keeps_the_weighted_mean_and_a_zero_weight_row_weighs_nothing()
    {
        var h = new ContextHistory(2);
        h.Add([0.1, 0.2], 0.5, 2);
        h.Add([0.1, 0.2], 0.8, 1);
        h.Add([0.3, 0.4], 0.9, 0);
        var (_, targets, weights) = h.TrainingSet();
        Assert.Equal(2, h.Count);
        Assert.Equal(3, h.Feedbacks); // arrivals, whatever their weight
        Assert.Equal((2 * 0.5 + 0.8) / 3, targets[0], 12);
        Assert.Equal(3, weights[0]);
        Assert.Equal(0, targets[1]);
        Assert.Equal(0, weights[1]);
        Assert.Throws<ArgumentException>(() => h.Add([0.1, 0.2], 0.5, -1));
        Assert.Throws<ArgumentException>(() => h.Add([0.1, 0.2], 0.5, double.NaN));
    }

    [Fact]
    public void Members_see_poisson_weighted_copies_of_the_same_arrivals()
    {
        var o = new SimulationOptions { Rounds = 600, MaxDelay = 20 };
        var policy = (BootstrapEnsemblePolicy)Factories.Policy(PolicyKind.AquamanThompson, Env, o, 3);
        Simulator.Run(Env, policy, o, 3);
        long arrivals = policy.Members[0].History.Feedbacks;
        Assert.All(policy.Members, m => Assert.Equal(arrivals, m.History.Feedbacks));
        var totals = policy.Members.Select(m => m.History.TrainingSet().Weights.AsSpan(0, m.History.Count).ToArray().Sum()).ToArray();
        // Poisson(1) weights: each total has mean = arrivals and sd = sqrt(arrivals) (about 24 here); members differ
        Assert.All(totals, t => Assert.InRange(t, arrivals - 6 * Math.Sqrt(arrivals), arrivals + 6 * Math.Sqrt(arrivals)));
        Assert.True(totals.Distinct().Count() > 1, "every member got identical weights");
    }

    [Theory]
    [InlineData(PolicyKind.AquamanThompson)]
    [InlineData(PolicyKind.AquamanEnsembleUcb)]
    public void Ensembles_learn_from_delayed_feedback_on_the_thesis_protocol(PolicyKind kind)
    {
        var o = new SimulationOptions { Rounds = 1500, MaxDelay = 50, EnsembleSize = 3 };
        var run = Simulator.Run(Env, Factories.Policy(kind, Env, o, 1), o, 1);
        var random = Simulator.Run(Env, Factories.Policy(PolicyKind.Random, Env, o, 1), o, 1);
        Assert.True(run.Regret < 0.4 * random.Regret, $"{kind} regret {run.Regret:0.0} vs random {random.Regret:0.0}");
        Assert.NotEmpty(run.TrainingLosses);
    }

    [Fact]
    public void Thompson_propensity_is_the_share_of_members_choosing_the_arm()
    {
        var o = new SimulationOptions { Rounds = 800, MaxDelay = 10, EnsembleSize = 4, KeepDecisions = true };
        var run = Simulator.Run(Env, Factories.Policy(PolicyKind.AquamanThompson, Env, o, 2), o, 2);
        var late = run.Decisions!.Skip(400).ToArray();
        // after the uniform start every propensity is k/4 for some k in 1..4
        Assert.All(late, d => Assert.Contains(d.Propensity, new[] { 0.25, 0.5, 0.75, 1.0 }));
    }

    [Fact]
    public void Bad_ensemble_settings_are_refused()
    {
        Assert.Throws<UnusableDataException>(() => new SimulationOptions { EnsembleSize = 1 }.Validated());
        Assert.Throws<UnusableDataException>(() => new SimulationOptions { EnsembleBeta = double.NaN }.Validated());
        Assert.Throws<ArgumentOutOfRangeException>(() => new BootstrapEnsemblePolicy("x", Env, new NeuralBanditOptions(), 1, EnsembleChoice.Thompson, 1, 0));
    }
}

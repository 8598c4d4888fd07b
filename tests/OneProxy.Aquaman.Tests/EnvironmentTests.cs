using OneProxy.Aquaman.Environments;

namespace OneProxy.Aquaman.Tests;

public class EnvironmentTests
{
    [Fact]
    public void Synthetic_user_study_satisfies_every_stated_fact()
    {
        var study = SyntheticUserStudy.Generate();
        Assert.Empty(study.ConsistencyProblems());
        var env = new ThesisEnvironment();
        Assert.Equal(5, env.Models.Count); // NL excluded as in the thesis's experiment
        Assert.Equal(["M2F", "M2Q", "I3Q", "I3Q"], Enumerable.Range(0, 4).Select(d => env.Models[env.OracleArm(d)].Name));
        Assert.Equal("M2F", env.Models[env.StaticRanking()[0]].Name);
        Assert.Equal(1.2, ThesisData.LatencySeconds(0, 1), 12); // Vankyo + M2Q (L674)
        double spread = Enumerable.Range(0, 4).Max(d => ThesisData.LatencySeconds(d, 1)) / Enumerable.Range(0, 4).Min(d => ThesisData.LatencySeconds(d, 1));
        Assert.Equal(10, spread, 6);                           // 10x spread across devices (L674)
    }

    [Fact]
    public void Bootstrap_reward_is_a_mean_of_8_ratings_centred_on_the_15_user_mean()
    {
        var env = new ThesisEnvironment();
        var rng = new Random(1);
        var draws = Enumerable.Range(0, 20000).Select(_ => env.DrawQoe(2, 0, rng)).ToArray();
        Assert.All(draws, q => Assert.InRange(q, 0, 1));
        Assert.All(draws, q => Assert.True(Math.Abs(q * 72 - Math.Round(q * 72)) < 1e-9)); // (sum of 8 ratings − 8) / 72
        Assert.Equal(env.Devices[2].ExpectedQoe[0], draws.Average(), 2);
    }

    [Fact]
    public void Kernel_ridge_interpolates_with_small_alpha_and_falls_back_to_the_mean_far_away()
    {
        double[][] x = [[0.0, 0.0], [1.0, 0.0], [0.0, 1.0], [1.0, 1.0]];
        double[] y = [0.1, 0.5, 0.7, 0.3];
        var krr = new KernelRidge(x, y, RidgeKernel.Rbf, 0.001, 4);
        for (int i = 0; i < 4; i++) Assert.Equal(y[i], krr.Predict(x[i]), 2);
        Assert.Equal(y.Average(), krr.Predict([50.0, 50.0]), 9);
        var lap = new KernelRidge(x, y, RidgeKernel.Laplacian, 0.01, 1);
        Assert.Equal(0.5, lap.Predict(x[1]), 1);
    }

    [Fact]
    public void Synthetic_scale_up_has_15_arms_a_qos_filter_and_is_fixed_by_its_seed()
    {
        var a = new KrrEnvironment(RidgeKernel.Rbf, 10, 50, seed: 3);
        var b = new KrrEnvironment(RidgeKernel.Rbf, 10, 50, seed: 3);
        Assert.Equal(15, a.Models.Count);
        Assert.Equal(50, a.Devices.Count);
        Assert.Equal(a.Devices[7].ExpectedQoe, b.Devices[7].ExpectedQoe);
        Assert.All(a.Devices, d => Assert.Contains(true, d.Feasible));
        Assert.Contains(a.Devices, d => d.Feasible.Contains(false)); // some models miss the 3 s bound somewhere
        // the best model differs between device types, otherwise there is nothing to learn from context
        Assert.True(Enumerable.Range(0, 50).Select(a.OracleArm).Distinct().Count() > 1);
    }
}

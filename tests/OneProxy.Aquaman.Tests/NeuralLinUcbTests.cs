using OneProxy.Aquaman.Environments;
using OneProxy.Aquaman.Evaluation;
using OneProxy.Aquaman.Policies;

namespace OneProxy.Aquaman.Tests;

public class NeuralLinUcbTests
{
    private static readonly ThesisEnvironment Env = new();

    [Fact]
    public void Last_hidden_layer_is_the_output_weights_gradient_over_root_m()
    {
        var core = new NeuralBanditCore(Env.ContextSize, new NeuralBanditOptions(), 4);
        core.AddFeedback(Env.Contexts[0][1], 0.7);
        core.Retrain(); // leave the symmetric start, where the two halves cancel
        var phi = new double[core.Options.HiddenWidth];
        double f = core.LastHidden(Env.Contexts[2][3], phi);
        // f = √m · W_L φ: the output layer is linear in φ
        var w = core.Network.Parameters.AsSpan(core.Network.WeightOffset(core.Network.LayerCount - 1), phi.Length);
        double dot = 0;
        for (int i = 0; i < phi.Length; i++) dot += w[i] * phi[i];
        Assert.Equal(f, Math.Sqrt(core.Options.HiddenWidth) * dot, 10);
        Assert.All(phi, v => Assert.True(v >= 0)); // ReLU activations
        Assert.Equal(f, core.Evaluate(Env.Contexts[2][3], withWidth: false).Predicted, 12);
    }

    [Theory]
    [InlineData(PolicyKind.AquamanNeuralLinUcb)]
    [InlineData(PolicyKind.AquamanNeuralLinUcbRidge)]
    [InlineData(PolicyKind.AquamanNeuralLinUcbResidual)]
    [InlineData(PolicyKind.AquamanNeuralLinUcbAugmented)]
    public void Neural_linucb_learns_from_delayed_feedback_on_the_thesis_protocol(PolicyKind kind)
    {
        var o = new SimulationOptions { Rounds = 1500, MaxDelay = 50 };
        var runs = Enumerable.Range(0, 2).Select(s => Simulator.Run(Env, Factories.Policy(kind, Env, o, s), o, s)).ToArray();
        var random = Simulator.Run(Env, Factories.Policy(PolicyKind.Random, Env, o, 0), o, 0);
        double regret = runs.Average(r => r.Regret);
        Assert.True(regret < 0.4 * random.Regret, $"{kind} mean regret {regret:0.0} vs random {random.Regret:0.0}");
    }

    [Fact]
    public void The_per_model_bonus_shrinks_for_the_model_that_gets_the_feedback()
    {
        var o = new SimulationOptions { Rounds = 10, MaxDelay = 1, Neural = new NeuralBanditOptions { UniformFeedbacks = 1, FirstRetrain = 0 } };
        var policy = (NeuralLinUcbPolicy)Factories.Policy(PolicyKind.AquamanNeuralLinUcb, Env, o, 0);
        policy.Feedback(0, 0, 0, 0, 0.5); // one feedback, no retraining yet (every 100)
        policy.Core.Retrain();             // a non-zero φ; the next feedback rebuilds every A_a with it
        policy.Feedback(1, 1, 0, 0, 0.5);
        var width0 = policy.Choose(2, 0, [0]).Width;
        var width1 = policy.Choose(2, 0, [1]).Width;
        Assert.True(width0 < width1, $"model 0 has feedback, model 1 none: widths {width0} vs {width1}");
    }

    [Fact]
    public void The_augmented_ridge_has_phi_the_device_features_and_a_constant()
    {
        var o = new SimulationOptions();
        var plain = (NeuralLinUcbPolicy)Factories.Policy(PolicyKind.AquamanNeuralLinUcbRidge, Env, o, 0);
        var augmented = (NeuralLinUcbPolicy)Factories.Policy(PolicyKind.AquamanNeuralLinUcbAugmented, Env, o, 0);
        Assert.Equal(o.Neural.HiddenWidth + 1, plain.FeatureCount);
        Assert.Equal(o.Neural.HiddenWidth + Env.DeviceFeatures.Count + 1, augmented.FeatureCount);
    }

    [Fact]
    public void The_augmented_ridge_matches_a_direct_solve_on_phi_device_features_and_one()
    {
        // No retraining (first at 100 feedbacks), so φ is fixed: the Sherman–Morrison-kept A_a⁻¹ and b_a must give the
        // ridge solution θ_a = (I + Σ zzᵀ)⁻¹ Σ y z on z = [φ, x_dev, 1] that a direct solve gives.
        var o = new SimulationOptions { AugmentedUniformRounds = 1, Neural = new NeuralBanditOptions { FirstRetrain = 0 } };
        var policy = (NeuralLinUcbPolicy)Factories.Policy(PolicyKind.AquamanNeuralLinUcbAugmented, Env, o, 0);
        int m = o.Neural.HiddenWidth, p = policy.FeatureCount, arm = 2;
        double[] Z(int device)
        {
            var z = new double[p];
            policy.Core.LastHidden(Env.Contexts[device][arm], z.AsSpan(0, m));
            for (int i = 0; i < Env.DeviceFeatures.Count; i++) z[m + i] = Env.Contexts[device][arm][i];
            z[p - 1] = 1;
            return z;
        }
        var a = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.DenseIdentity(p);
        var b = MathNet.Numerics.LinearAlgebra.Vector<double>.Build.Dense(p);
        var rng = new Random(5);
        for (int t = 0; t < 60; t++)
        {
            int device = rng.Next(Env.Devices.Count);
            double qoe = rng.NextDouble();
            policy.Feedback(t, t, device, arm, qoe);
            var z = MathNet.Numerics.LinearAlgebra.Vector<double>.Build.DenseOfArray(Z(device));
            a += z.OuterProduct(z);
            b += qoe * z;
        }
        Assert.Equal(0, policy.Core.Profile.Retrainings);
        var theta = a.Solve(b);
        for (int device = 0; device < Env.Devices.Count; device++)
        {
            var z = MathNet.Numerics.LinearAlgebra.Vector<double>.Build.DenseOfArray(Z(device));
            var choice = policy.Choose(100, device, [arm]);
            Assert.Equal(theta * z, choice.Predicted, 9);
            Assert.Equal(Math.Sqrt(z * a.Solve(z)), choice.Width, 9);
        }
    }

    [Fact]
    public void The_augmented_policy_chooses_uniformly_for_its_first_rounds_then_until_a_feedback()
    {
        var o = new SimulationOptions { AugmentedUniformRounds = 5 };
        var policy = (NeuralLinUcbPolicy)Factories.Policy(PolicyKind.AquamanNeuralLinUcbAugmented, Env, o, 0);
        int k = Env.Models.Count;
        int[] all = [.. Enumerable.Range(0, k)];
        Assert.Equal(1.0 / k, policy.Choose(4, 0, all).Propensity, 12);
        Assert.Equal(1.0 / k, policy.Choose(9, 0, all).Propensity, 12); // no feedback yet: still uniform (Alg. 3)
        policy.Feedback(10, 0, 0, 1, 0.6);
        Assert.NotEqual(1.0 / k, policy.Choose(11, 0, all).Propensity);
    }

    [Theory]
    [InlineData(0.0, 150)]
    [InlineData(double.NaN, 150)]
    [InlineData(1.0, -1)]
    public void Bad_augmented_settings_are_refused(double rawScale, int uniformRounds)
    {
        var o = new SimulationOptions { AugmentedRawScale = rawScale, AugmentedUniformRounds = uniformRounds };
        var e = Assert.Throws<UnusableDataException>(() => o.Validated());
        Assert.Contains("--nlaug-", e.Message);
    }
}

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
}

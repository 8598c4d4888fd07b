using OneProxy.Aquaman.Policies;

namespace OneProxy.Aquaman.Tests;

/// <summary>Why the QoE network gets a constant input: the bias-free network of Eq. 2.7 is positively homogeneous.</summary>
public class ConstantInputTests
{
    private static readonly double[] Far = [0.8, 0.6, 0.4, 0.2];
    private static readonly double[] Near = [0.4, 0.3, 0.2, 0.1]; // Far / 2: the same ray from the origin

    private static NeuralBanditCore TrainedOnTwoPointsOfOneRay(bool constant)
    {
        var core = new NeuralBanditCore(4, new NeuralBanditOptions { ConstantInput = constant, HiddenWidth = 16, Epochs = 400, LearningRate = 0.01, RetrainEvery = 1000, FirstRetrain = 0, Lambda = 1e-3 }, seed: 5);
        for (int i = 0; i < 20; i++) { core.AddFeedback(Far, 0.7); core.AddFeedback(Near, 0.7); }
        core.Retrain();
        return core;
    }

    [Fact]
    public void Without_it_f_of_half_x_is_half_f_of_x_so_one_qoe_along_a_ray_cannot_be_fitted()
    {
        var core = TrainedOnTwoPointsOfOneRay(constant: false);
        double far = core.Evaluate(Far, false).Predicted, near = core.Evaluate(Near, false).Predicted;
        Assert.Equal(far / 2, near, 12);
        Assert.True(Math.Abs(far - 0.7) + Math.Abs(near - 0.7) > 0.3, $"far {far}, near {near}");
    }

    [Fact]
    public void With_it_the_network_starts_at_zero_and_fits_both_points()
    {
        var fresh = new NeuralBanditCore(4, new NeuralBanditOptions { ConstantInput = true }, seed: 5);
        Assert.Equal(0.0, fresh.Evaluate(Far, false).Predicted, 12);
        Assert.Equal(2 * (4 + 1), fresh.Network.InputSize);
        var core = TrainedOnTwoPointsOfOneRay(constant: true);
        Assert.Equal(0.7, core.Evaluate(Far, false).Predicted, 2);
        Assert.Equal(0.7, core.Evaluate(Near, false).Predicted, 2);
    }
}

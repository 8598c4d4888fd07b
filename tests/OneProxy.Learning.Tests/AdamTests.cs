using OneProxy.Learning;

namespace OneProxy.Learning.Tests;

public class AdamTests
{
    [Fact]
    public void First_steps_match_hand_computed_values()
    {
        // Step 1: m̂ = g, v̂ = g², so θ moves by lr · g / (|g| + ε) ≈ lr · sign(g).
        var adam = new Adam(2, learningRate: 0.1);
        double[] theta = [1.0, -2.0];
        adam.Step(theta, [0.5, -4.0]);
        Assert.Equal(0.9, theta[0], 7); // ε = 1e-8 shifts it by 2e-9
        Assert.Equal(-1.9, theta[1], 7);
        // Step 2 with g = (0.5, 0): bias-corrected moments from the recursions, written out
        double[] after1 = (double[])theta.Clone();
        adam.Step(theta, [0.5, 0.0]);
        double m1 = (0.9 * 0.05 + 0.1 * 0.5) / (1 - 0.81), v1 = (0.999 * 0.00025 + 0.001 * 0.25) / (1 - 0.999 * 0.999);
        double m2 = (0.9 * -0.4) / (1 - 0.81), v2 = (0.999 * 0.016) / (1 - 0.999 * 0.999);
        Assert.Equal(after1[0] - 0.1 * m1 / (Math.Sqrt(v1) + 1e-8), theta[0], 9);
        Assert.Equal(after1[1] - 0.1 * m2 / (Math.Sqrt(v2) + 1e-8), theta[1], 9);
    }

    [Fact]
    public void Exported_state_resumes_exactly()
    {
        var a = new Adam(3, 0.01);
        double[] t1 = [1, 2, 3];
        a.Step(t1, [0.3, -0.2, 0.1]);
        var b = Adam.FromState(a.ExportState());
        double[] t2 = (double[])t1.Clone();
        a.Step(t1, [0.1, 0.1, -0.5]);
        b.Step(t2, [0.1, 0.1, -0.5]);
        Assert.Equal(t1, t2);
        Assert.Equal(2, b.StepCount);
    }

    [Fact]
    public void Bad_arguments_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Adam(3, learningRate: 0));
        Assert.Contains("3 parameters got 2", Assert.Throws<ArgumentException>(() => new Adam(3).Step(new double[2], new double[2])).Message);
        var bad = new Adam(2).ExportState() with { FirstMoment = [double.NaN, 0] };
        Assert.Throws<ArgumentException>(() => Adam.FromState(bad));
    }
}

using OneProxy.Aquaman.Environments;

namespace OneProxy.Aquaman.Policies;

/// <summary>
/// Disjoint LinUCB (Li et al., 2010): for each model a ridge regression of QoE on the scaled device features plus an
/// intercept, A_a = I + Σ x xᵀ, b_a = Σ y x, score θ_aᵀx + α √(xᵀ A_a⁻¹ x). Delay-aware in the way the thesis's Aquaman
/// is: every feedback is used the round it arrives, in any order, and a missing one is simply never added.
/// A_a⁻¹ is kept by Sherman–Morrison updates.
/// </summary>
public sealed class LinUcbPolicy : ISimulationPolicy
{
    private readonly QoeEnvironment _env;
    private readonly double _alpha;
    private readonly double[][] _inverse; // per arm, d × d row-major
    private readonly double[][] _b;
    private readonly double[][] _x;       // per device: scaled features + 1
    private readonly SplitMix64 _rng;
    private readonly int _d;
    private readonly double[] _work;

    public LinUcbPolicy(QoeEnvironment env, double alpha, ulong seed)
    {
        if (!(alpha >= 0)) throw new ArgumentException($"LinUCB alpha must be >= 0, got {alpha}");
        _env = env;
        _alpha = alpha;
        _rng = new SplitMix64(seed);
        _d = env.DeviceFeatures.Count + 1;
        _x = env.Devices.Select(dev => dev.Features.Select((v, i) => env.DeviceFeatures[i].Normalize(v)).Append(1.0).ToArray()).ToArray();
        _inverse = env.Models.Select(_ => Identity(_d)).ToArray();
        _b = env.Models.Select(_ => new double[_d]).ToArray();
        _work = new double[_d];
    }

    public string Name => "linucb";
    public IReadOnlyList<double> TrainingLosses => [];

    public void Feedback(int round, int decisionRound, int device, int arm, double qoe)
    {
        var x = _x[device];
        var inv = _inverse[arm];
        for (int i = 0; i < _d; i++) { double s = 0; for (int j = 0; j < _d; j++) s += inv[i * _d + j] * x[j]; _work[i] = s; }
        double den = 1;
        for (int i = 0; i < _d; i++) den += x[i] * _work[i];
        for (int i = 0; i < _d; i++) for (int j = 0; j < _d; j++) inv[i * _d + j] -= _work[i] * _work[j] / den;
        for (int i = 0; i < _d; i++) _b[arm][i] += qoe * x[i];
    }

    public ArmChoice Choose(int round, int device, int[] feasible)
    {
        var x = _x[device];
        int best = -1, ties = 0;
        double bestScore = double.NegativeInfinity, bestMean = 0, bestWidth = 0;
        foreach (int a in feasible)
        {
            var inv = _inverse[a];
            double mean = 0, quad = 0;
            for (int i = 0; i < _d; i++)
            {
                double ai = 0, ti = 0;
                for (int j = 0; j < _d; j++) { ai += inv[i * _d + j] * x[j]; ti += inv[i * _d + j] * _b[a][j]; }
                quad += x[i] * ai;
                mean += x[i] * ti;
            }
            double width = Math.Sqrt(Math.Max(quad, 0)), score = mean + _alpha * width;
            if (score > bestScore) { best = a; bestScore = score; ties = 1; bestMean = mean; bestWidth = width; }
            else if (score == bestScore && _rng.NextInt(++ties) == 0) { best = a; bestMean = mean; bestWidth = width; }
        }
        return new ArmChoice(best, 1.0 / ties, bestMean, bestWidth);
    }

    private static double[] Identity(int d)
    {
        var m = new double[d * d];
        for (int i = 0; i < d; i++) m[i * d + i] = 1;
        return m;
    }
}

using OneProxy.Aquaman.Environments;

namespace OneProxy.Aquaman.Policies;

/// <summary>Uniformly random feasible model (the logging policy of offline evaluation).</summary>
public sealed class RandomPolicy(ulong seed) : ISimulationPolicy
{
    private readonly SplitMix64 _rng = new(seed);
    public string Name => "random";
    public IReadOnlyList<double> TrainingLosses => [];
    public void Feedback(int round, int decisionRound, int device, int arm, double qoe) { }
    public ArmChoice Choose(int round, int device, int[] feasible) => new(feasible[_rng.NextInt(feasible.Length)], 1.0 / feasible.Length, 0, 0);
}

/// <summary>
/// The thesis's Static baseline: one model chosen a priori, the best by expected QoE averaged over all devices
/// (an oracle quantity); where the QoS filter removes it, the next model of that ranking.
/// </summary>
public sealed class StaticPolicy(QoeEnvironment env) : ISimulationPolicy
{
    private readonly int[] _ranking = env.StaticRanking();
    public string Name => "static";
    public IReadOnlyList<double> TrainingLosses => [];
    public void Feedback(int round, int decisionRound, int device, int arm, double qoe) { }

    public ArmChoice Choose(int round, int device, int[] feasible)
    {
        foreach (int m in _ranking)
            if (Array.IndexOf(feasible, m) >= 0) return new ArmChoice(m, 1, 0, 0);
        throw new ArgumentException("no feasible model");
    }
}

/// <summary>The thesis's Oracle: the best feasible model by expected QoE for each device type.</summary>
public sealed class OraclePolicy(QoeEnvironment env) : ISimulationPolicy
{
    public string Name => "oracle";
    public IReadOnlyList<double> TrainingLosses => [];
    public void Feedback(int round, int decisionRound, int device, int arm, double qoe) { }

    public ArmChoice Choose(int round, int device, int[] feasible)
    {
        var q = env.Devices[device].ExpectedQoe;
        int best = feasible[0];
        foreach (int m in feasible) if (q[m] > q[best]) best = m;
        return new ArmChoice(best, 1, q[best], 0);
    }
}

namespace OneProxy.Aquaman.Policies;

/// <summary>
/// A model-selection policy as the simulator drives it: each round it first receives the feedback arriving then
/// (possibly for decisions made hundreds of rounds ago, in any order), then chooses among the feasible models for the
/// arriving device type. Devices and models are indices into a <see cref="Environments.QoeEnvironment"/>.
/// </summary>
public interface ISimulationPolicy
{
    string Name { get; }

    /// <summary>Feedback for the decision of round <paramref name="decisionRound"/> arriving at round <paramref name="round"/>.</summary>
    void Feedback(int round, int decisionRound, int device, int arm, double qoe);

    /// <summary>The choice for <paramref name="device"/> at round <paramref name="round"/> among <paramref name="feasible"/> arms.</summary>
    ArmChoice Choose(int round, int device, int[] feasible);

    /// <summary>Last-epoch training loss of each retraining (empty for policies without a network).</summary>
    IReadOnlyList<double> TrainingLosses { get; }
}

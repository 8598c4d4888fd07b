using OneProxy.Aquaman.Environments;
using OneProxy.Aquaman.Policies;

namespace OneProxy.Aquaman.Evaluation;

/// <summary>Builds environments and policies by name for a seed (policy randomness from the seed's named stream).</summary>
public static class Factories
{
    public static QoeEnvironment Environment(SimulationOptions o, int seed) => o.Environment switch
    {
        EnvironmentKind.Thesis => new ThesisEnvironment(),
        EnvironmentKind.Synthetic => new KrrEnvironment(RidgeKernel.Rbf, o.SyntheticModels ?? 10, o.DeviceTypes ?? 200, seed),
        EnvironmentKind.SyntheticLaplacian => new KrrEnvironment(RidgeKernel.Laplacian, o.SyntheticModels ?? 10, o.DeviceTypes ?? 200, seed),
        EnvironmentKind.SyntheticLarge => new KrrEnvironment(RidgeKernel.Rbf, o.SyntheticModels ?? 95, o.DeviceTypes ?? 1000, seed, "synthetic-large"),
        EnvironmentKind.Measured => MeasuredEnvironment.Load(o.MeasuredData ?? MeasuredEnvironment.DefaultPath()),
        _ => throw new ArgumentOutOfRangeException(nameof(o), o.Environment, "unknown environment"),
    };

    public static ISimulationPolicy Policy(PolicyKind kind, QoeEnvironment env, SimulationOptions o, int seed)
    {
        ulong s = (ulong)SeedStream.Derive(seed, $"policy/{Name(kind)}");
        return kind switch
        {
            PolicyKind.Aquaman => new NeuralPolicy("aquaman", env, o.Neural, s),
            PolicyKind.AquamanConstantInput => new NeuralPolicy("aquaman-const", env, o.Neural with { ConstantInput = true }, s),
            PolicyKind.AquamanDiagonal => new NeuralPolicy("aquaman-diag", env, o.Neural with { ZForm = ZMatrixForm.Diagonal }, s),
            PolicyKind.AquamanThompson => new BootstrapEnsemblePolicy("aquaman-ts", env, o.Neural, o.EnsembleSize, EnsembleChoice.Thompson, o.EnsembleBeta, s),
            PolicyKind.AquamanEnsembleUcb => new BootstrapEnsemblePolicy("aquaman-eucb", env, o.Neural, o.EnsembleSize, EnsembleChoice.Ucb, o.EnsembleBeta, s),
            PolicyKind.AquamanNeuralLinUcb => new NeuralLinUcbPolicy("aquaman-nlucb", env, o.Neural, o.NeuralLinUcbAlpha, NeuralLinUcbMean.Network, s),
            PolicyKind.AquamanNeuralLinUcbRidge => new NeuralLinUcbPolicy("aquaman-nlridge", env, o.Neural, o.NeuralLinUcbAlpha, NeuralLinUcbMean.Ridge, s),
            PolicyKind.AquamanNeuralLinUcbAugmented => new NeuralLinUcbPolicy("aquaman-nlaug", env, o.Neural, o.NeuralLinUcbAlpha, NeuralLinUcbMean.Ridge, s, o.AugmentedRawScale, o.AugmentedUniformRounds),
            PolicyKind.AquamanNeuralLinUcbResidual => new NeuralLinUcbPolicy("aquaman-nlres", env, o.Neural, o.NeuralLinUcbAlpha, NeuralLinUcbMean.NetworkPlusResidual, s),
            PolicyKind.NeuralUcb => new NeuralPolicy("neuralucb", env, o.Neural, s, inOrder: true, maxDelay: o.MaxDelay),
            PolicyKind.EGreedy => new NeuralPolicy("egreedy", env, o.Neural with { Exploration = NeuralExploration.EpsilonGreedy }, s),
            PolicyKind.LinUcb => new LinUcbPolicy(env, o.LinUcbAlpha, s),
            PolicyKind.Random => new RandomPolicy(s),
            PolicyKind.Static => new StaticPolicy(env),
            PolicyKind.Oracle => new OraclePolicy(env),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown policy"),
        };
    }

    public static string Name(PolicyKind kind) => kind switch
    {
        PolicyKind.AquamanDiagonal => "aquaman-diag",
        PolicyKind.AquamanConstantInput => "aquaman-const",
        PolicyKind.AquamanThompson => "aquaman-ts",
        PolicyKind.AquamanEnsembleUcb => "aquaman-eucb",
        PolicyKind.AquamanNeuralLinUcb => "aquaman-nlucb",
        PolicyKind.AquamanNeuralLinUcbRidge => "aquaman-nlridge",
        PolicyKind.AquamanNeuralLinUcbResidual => "aquaman-nlres",
        PolicyKind.AquamanNeuralLinUcbAugmented => "aquaman-nlaug",
        _ => kind.ToString().ToLowerInvariant(),
    };

    public static string Name(EnvironmentKind kind) => kind switch
    {
        EnvironmentKind.SyntheticLaplacian => "synthetic-laplacian",
        EnvironmentKind.SyntheticLarge => "synthetic-large",
        _ => kind.ToString().ToLowerInvariant(),
    };

    public static bool TryParsePolicy(string text, out PolicyKind kind)
    {
        foreach (var k in Enum.GetValues<PolicyKind>())
            if (string.Equals(Name(k), text, StringComparison.OrdinalIgnoreCase)) { kind = k; return true; }
        kind = default;
        return false;
    }

    public static bool TryParseEnvironment(string text, out EnvironmentKind kind)
    {
        foreach (var k in Enum.GetValues<EnvironmentKind>())
            if (string.Equals(Name(k), text, StringComparison.OrdinalIgnoreCase)) { kind = k; return true; }
        kind = default;
        return false;
    }
}

using OneProxy.Aquaman.Policies;

namespace OneProxy.Aquaman.Evaluation;

/// <summary>Everything one <c>aquaman simulate</c> run needs; <see cref="Validated"/> checks it once.</summary>
public sealed record SimulationOptions
{
    public EnvironmentKind Environment { get; init; } = EnvironmentKind.Thesis;
    public int Rounds { get; init; } = 20_000;

    /// <summary>Feedback delays are uniform on 1..MaxDelay rounds.</summary>
    public int MaxDelay { get; init; } = 500;

    /// <summary>Probability that a feedback never arrives.</summary>
    public double MissingRate { get; init; }

    public IReadOnlyList<PolicyKind> Policies { get; init; } = [PolicyKind.Aquaman, PolicyKind.Static, PolicyKind.Oracle, PolicyKind.LinUcb, PolicyKind.EGreedy];

    /// <summary>Runs with seeds FirstSeed .. FirstSeed + Seeds − 1.</summary>
    public int Seeds { get; init; } = 10;
    public int FirstSeed { get; init; }

    /// <summary>Parallel (policy, seed) runs.</summary>
    public int Threads { get; init; } = System.Environment.ProcessorCount;

    /// <summary>Points per curve (time-average QoE, cumulative regret) kept per run.</summary>
    public int CurvePoints { get; init; } = 200;

    public NeuralBanditOptions Neural { get; init; } = new();

    /// <summary>LinUCB's exploration weight α.</summary>
    public double LinUcbAlpha { get; init; } = 0.3;

    /// <summary>Members of the bootstrapped ensembles (aquaman-ts, aquaman-eucb).</summary>
    public int EnsembleSize { get; init; } = 5;

    /// <summary>β of aquaman-eucb: mean + β · standard deviation over members.</summary>
    public double EnsembleBeta { get; init; } = 1.0;

    /// <summary>
    /// α of aquaman-nlucb / aquaman-nlridge: the per-model bonus α √(φᵀ A_a⁻¹ φ) on the last hidden layer. 0.05 was
    /// best on the synthetic RBF world's tuning seeds 100-104 (0.03 / 0.05 / 0.1 / 0.3 / 0.6: 0.7391 / 0.7393 / 0.7391 /
    /// 0.7379 / 0.7334 time-average QoE); on the thesis protocol's seeds 100-109, 0.05 and 0.1 gave the same.
    /// </summary>
    public double NeuralLinUcbAlpha { get; init; } = 0.05;

    /// <summary>
    /// s of aquaman-nlaug: the scaled device features enter each model's ridge as s·x (penalty λ/s² per raw weight vs λ
    /// per weight of φ). 1 = the same penalty as LinUCB's on its own features.
    /// </summary>
    public double AugmentedRawScale { get; init; } = 1.0;

    /// <summary>
    /// aquaman-nlaug's uniform start in decisions (then until the first feedback, Alg. 3); 0 = the shared
    /// <c>--uniform-until</c> rule in feedbacks.
    /// </summary>
    public int AugmentedUniformRounds { get; init; } = 150;

    /// <summary>Synthetic environments: synthetic models added to the 5 real ones (default: 10, or 95 for the large one).</summary>
    public int? SyntheticModels { get; init; }

    /// <summary>Synthetic environments: device types in the population (default: 200, or 1,000 for the large one).</summary>
    public int? DeviceTypes { get; init; }

    /// <summary>Measured environment: the CSV of measurements (default docs/data/aquaman-measured.csv found from the working directory).</summary>
    public string? MeasuredData { get; init; }

    /// <summary>Keep every decision (round, device, model, propensity, QoE) of each run, for offline evaluation.</summary>
    public bool KeepDecisions { get; init; }

    public SimulationOptions Validated()
    {
        if (Rounds < 1 || Rounds > 10_000_000) throw new UnusableDataException($"--rounds must be in 1..10000000, got {Rounds}");
        if (MaxDelay < 1 || MaxDelay > Rounds + 1_000_000) throw new UnusableDataException($"--max-delay must be >= 1, got {MaxDelay}");
        if (!(MissingRate >= 0 && MissingRate < 1)) throw new UnusableDataException($"--missing must be in [0, 1), got {MissingRate}");
        if (Policies.Count == 0) throw new UnusableDataException("--policies is empty");
        if (Policies.Distinct().Count() != Policies.Count) throw new UnusableDataException("--policies names a policy twice");
        if (Seeds < 1 || Seeds > 1000) throw new UnusableDataException($"--seeds must be in 1..1000, got {Seeds}");
        if (Threads < 1 || Threads > 256) throw new UnusableDataException($"--threads must be in 1..256, got {Threads}");
        if (CurvePoints < 2) throw new UnusableDataException($"curve points must be >= 2, got {CurvePoints}");
        if (!(LinUcbAlpha >= 0)) throw new UnusableDataException($"--linucb-alpha must be >= 0, got {LinUcbAlpha}");
        if (EnsembleSize < 2 || EnsembleSize > 64) throw new UnusableDataException($"--ensemble must be in 2..64, got {EnsembleSize}");
        if (!(EnsembleBeta >= 0) || !double.IsFinite(EnsembleBeta)) throw new UnusableDataException($"--ensemble-beta must be finite and >= 0, got {EnsembleBeta}");
        if (!(NeuralLinUcbAlpha >= 0) || !double.IsFinite(NeuralLinUcbAlpha)) throw new UnusableDataException($"--nlucb-alpha must be finite and >= 0, got {NeuralLinUcbAlpha}");
        if (!(AugmentedRawScale > 0) || !double.IsFinite(AugmentedRawScale)) throw new UnusableDataException($"--nlaug-raw-scale must be finite and > 0, got {AugmentedRawScale}");
        if (AugmentedUniformRounds < 0) throw new UnusableDataException($"--nlaug-uniform-rounds must be >= 0, got {AugmentedUniformRounds}");
        Neural.Validated();
        return this;
    }
}

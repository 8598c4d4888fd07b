namespace OneProxy.Aquaman.Evaluation;

/// <summary>The simulation worlds of <c>aquaman simulate --env</c>.</summary>
public enum EnvironmentKind
{
    /// <summary>Thesis protocol: 4 devices × 5 models, SYNTHETIC 15-user study, 8-of-15 bootstrap reward.</summary>
    Thesis,

    /// <summary>SYNTHETIC KRR scale-up, RBF generators (α = 0.001, γ = 4): 15 arms.</summary>
    Synthetic,

    /// <summary>SYNTHETIC KRR scale-up, Laplacian generators (α = 0.01, γ = 1): 15 arms.</summary>
    SyntheticLaplacian,

    /// <summary>SYNTHETIC RBF scale-up with 100 arms and 1,000 device types.</summary>
    SyntheticLarge,

    /// <summary>Latency and energy measured on real hardware (docs/data), QoE from a SYNTHETIC utility.</summary>
    Measured,
}

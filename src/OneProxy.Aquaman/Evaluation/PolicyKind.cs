namespace OneProxy.Aquaman.Evaluation;

/// <summary>Policies that <c>aquaman simulate --policies</c> compares.</summary>
public enum PolicyKind
{
    /// <summary>Aquaman (thesis Alg. 3-4): neural UCB, feedback used on arrival in any order, dense Z⁻¹ (Sherman–Morrison).</summary>
    Aquaman,

    /// <summary>Aquaman with a constant 1 appended to the network's input (<see cref="Policies.NeuralBanditOptions.ConstantInput"/>).</summary>
    AquamanConstantInput,

    /// <summary>Aquaman with the diagonal of Z instead of the dense inverse.</summary>
    AquamanDiagonal,

    /// <summary>Bootstrapped ensemble of Aquaman networks, Thompson-style choice (departs from Alg. 3-4; <see cref="Policies.BootstrapEnsemblePolicy"/>).</summary>
    AquamanThompson,

    /// <summary>Bootstrapped ensemble of Aquaman networks, mean + β·sd choice (departs from Alg. 3-4).</summary>
    AquamanEnsembleUcb,

    /// <summary>Aquaman's network with a per-model LinUCB bonus on its last hidden layer (Neural-LinUCB; departs from Alg. 3-4).</summary>
    AquamanNeuralLinUcb,

    /// <summary>As <see cref="AquamanNeuralLinUcb"/> with the per-model ridge fit on the last hidden layer as the mean.</summary>
    AquamanNeuralLinUcbRidge,

    /// <summary>
    /// As <see cref="AquamanNeuralLinUcbRidge"/> on [φ, s·device features, 1] (issue 15, session 9): each model's ridge
    /// contains the disjoint LinUCB's hypothesis class besides the learned features. Departs from Alg. 3-4.
    /// </summary>
    AquamanNeuralLinUcbAugmented,

    /// <summary>As <see cref="AquamanNeuralLinUcb"/> with mean f plus a per-model ridge fit of the residual on the last hidden layer.</summary>
    AquamanNeuralLinUcbResidual,

    /// <summary>NeuralUCB that ignores the delay structure: feedback consumed in decision order.</summary>
    NeuralUcb,

    /// <summary>ε-greedy on the same QoE network (no confidence bonus).</summary>
    EGreedy,

    /// <summary>Disjoint LinUCB on device features, feedback used on arrival.</summary>
    LinUcb,

    /// <summary>Uniformly random feasible model.</summary>
    Random,

    /// <summary>The thesis's Static: the best model on average, known a priori.</summary>
    Static,

    /// <summary>The thesis's Oracle: the best model per device type, known a priori.</summary>
    Oracle,
}

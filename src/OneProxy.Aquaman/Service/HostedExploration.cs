namespace OneProxy.Aquaman.Service;

/// <summary>How the hosted <see cref="AquamanPolicy"/> explores (the network and its retraining are the same in both).</summary>
public enum HostedExploration
{
    /// <summary>The thesis's Alg. 3-4: UCB from the network's gradient features through Z (Eq. 2.9); <c>aquaman</c> in simulation.</summary>
    Thesis,

    /// <summary>
    /// <c>aquaman-nlaug</c>, the recommended policy (a departure from Alg. 3-4, docs/aquaman.md): a ridge/LinUCB per model on
    /// [φ (the network's last hidden layer), the scaled device features, 1], α = 0.05, uniform for the first 150 decisions.
    /// </summary>
    NeuralLinUcbAugmented,
}

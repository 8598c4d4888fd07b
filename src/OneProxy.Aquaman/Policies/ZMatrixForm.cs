namespace OneProxy.Aquaman.Policies;

/// <summary>How the UCB design matrix Z = λI + Σ g gᵀ / m (thesis Eq. 2.9) is stored.</summary>
public enum ZMatrixForm
{
    /// <summary>Only the diagonal of Z (NeuralUCB's practical form): O(p) per bonus and per update.</summary>
    Diagonal,

    /// <summary>The full inverse Z⁻¹, kept by Sherman–Morrison rank-one updates: O(p²) per bonus and per update, p² memory.</summary>
    Dense,
}

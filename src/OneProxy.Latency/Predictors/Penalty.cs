namespace OneProxy.Predictors;

/// <summary>How one coefficient of a <see cref="PenalizedRegression"/> is treated.</summary>
public enum Penalty
{
    /// <summary>Not penalised (e.g. AdaProxy's global scale alpha).</summary>
    None,
    /// <summary>lambda * |theta| (lasso): sparse corrections.</summary>
    L1,
    /// <summary>lambda/2 * theta^2 (ridge): small, dense corrections.</summary>
    L2,
}

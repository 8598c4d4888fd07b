namespace OneProxy.Adaptation;

/// <summary>Ways to get a latency predictor for a new target from a few target measurements.</summary>
public enum AdaptationMethod
{
    /// <summary>The proxy's predictor unchanged (nothing is fitted).</summary>
    Proxy,
    /// <summary>Eq. 3.3: [(alpha 1 + b) o w]^T x + c, penalty on the per-operator corrections b.</summary>
    AdaProxy,
    /// <summary>Non-negative (lasso) combination of every characterised device's predictor, plus c.</summary>
    Library,
    /// <summary>Library combination plus AdaProxy-style per-operator corrections, one lambda path.</summary>
    LibraryAda,
    /// <summary>Ridge regression on the target samples alone (the per-device baseline).</summary>
    TargetOnly,
    /// <summary>alpha * proxy + one additive correction per operator type (ridge): few unknowns, so it works from ~10 samples.</summary>
    ProxyOpType,
    /// <summary>The library combination, then one additive correction per operator type (ridge).</summary>
    LibraryOpType,
    /// <summary>
    /// One library device's predictor, scaled (alpha &gt;= 0, plus c): the device whose ranking of the
    /// samples agrees best with the target's. Nothing per-operator is fitted, so it cannot overfit
    /// beyond the choice of device (which the automatic choice discounts for).
    /// </summary>
    Device,
    /// <summary>
    /// Empirical-Bayes ridge around the library (<see cref="LibraryPrior"/>, <see cref="PriorRegression"/>):
    /// the target's operator costs are drawn around the library's mean, with the library's
    /// covariance across devices, scaled; a few samples move the costs the library says co-vary.
    /// </summary>
    Prior,
}

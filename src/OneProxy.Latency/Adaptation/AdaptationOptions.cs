using OneProxy.Predictors;

namespace OneProxy.Adaptation;

/// <summary>Options of <see cref="ProxyAdapter"/>, validated once.</summary>
public sealed record AdaptationOptions
{
    /// <summary>Penalty on AdaProxy's per-operator corrections: L1 as in Eq. 3.3, L2 as in the authors' code.</summary>
    public Penalty CorrectionPenalty { get; init; } = Penalty.L1;

    /// <summary>Points on the warm-started lambda path.</summary>
    public int LambdaCount { get; init; } = 20;

    /// <summary>Smallest lambda as a fraction of the largest useful one.</summary>
    public double LambdaRatio { get; init; } = 1e-4;

    /// <summary>Sample counts up to this use leave-one-out; above it, 5-fold cross-validation.</summary>
    public int LeaveOneOutUpTo { get; init; } = 10;

    /// <summary>Coordinate-descent sweeps per lambda (warm starts make a few dozen enough).</summary>
    public int MaxSweeps { get; init; } = 100;

    /// <summary>
    /// Methods the automatic choice may pick from. Target-only is left out by default: on
    /// 5-20 samples its cross-validated SRCC wins by chance often enough to cost 0.04 mean SRCC
    /// on NAS-Bench-201 (docs/adaptation.md), and with more samples the adapted methods match it.
    /// </summary>
    public IReadOnlyList<AdaptationMethod> Candidates { get; init; } =
        [AdaptationMethod.Proxy, AdaptationMethod.Device, AdaptationMethod.Library, AdaptationMethod.Prior, AdaptationMethod.ProxyOpType, AdaptationMethod.LibraryOpType,
         AdaptationMethod.AdaProxy, AdaptationMethod.LibraryAda];

    /// <summary>
    /// The automatic choice replaces the raw proxy only by a candidate whose gain in agreeing
    /// sample pairs exceeds this many jackknife standard errors (plus sqrt(2 ln m) for the best of
    /// m devices): <see cref="AutoSelection"/>. 0 trusts cross-validation as it is.
    /// </summary>
    public double SelectionZ { get; init; } = 1.0;

    /// <summary>
    /// What the automatic choice must beat: <see cref="AutoBaseline.Prior"/> (the library prior's posterior, which
    /// already shrinks towards the proxy and the library mean) or <see cref="AutoBaseline.Proxy"/> (the raw proxy, the
    /// choice before session 9). With the prior as baseline the raw proxy is one more candidate that must beat it.
    /// </summary>
    public AutoBaseline Baseline { get; init; } = AutoBaseline.Prior;

    public AdaptationOptions Validate()
    {
        if (CorrectionPenalty == Penalty.None) throw new InvalidOptionException("penalty", "AdaProxy's corrections need an L1 or L2 penalty");
        if (LambdaCount < 2) throw new InvalidOptionException("lambdas", $"need at least 2 lambda values (got {LambdaCount})");
        if (LambdaRatio is <= 0 or >= 1) throw new InvalidOptionException("lambda-ratio", $"must be in (0, 1) (got {LambdaRatio})");
        if (SelectionZ is < 0 or > 10 || double.IsNaN(SelectionZ)) throw new InvalidOptionException("selection-z", $"must be in [0, 10] (got {SelectionZ})");
        if (Candidates.Count == 0) throw new InvalidOptionException("method", "no candidate methods");
        return this;
    }
}

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

    /// <summary>Methods the automatic choice may pick from.</summary>
    /// <summary>Coordinate-descent sweeps per lambda (warm starts make a few dozen enough).</summary>
    public int MaxSweeps { get; init; } = 100;

    public IReadOnlyList<AdaptationMethod> Candidates { get; init; } =
        [AdaptationMethod.Proxy, AdaptationMethod.AdaProxy, AdaptationMethod.Library, AdaptationMethod.LibraryAda, AdaptationMethod.TargetOnly];

    public AdaptationOptions Validate()
    {
        if (CorrectionPenalty == Penalty.None) throw new ArgumentException("AdaProxy's corrections need an L1 or L2 penalty");
        if (LambdaCount < 2) throw new ArgumentOutOfRangeException(nameof(LambdaCount), LambdaCount, "need at least 2 lambda values");
        if (LambdaRatio is <= 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(LambdaRatio), LambdaRatio, "must be in (0, 1)");
        if (Candidates.Count == 0) throw new ArgumentException("no candidate methods");
        return this;
    }
}

using OneProxy.Predictors;

namespace OneProxy.Adaptation;

/// <summary>
/// An adapted predictor. <see cref="EstimatedSrcc"/> is what the tool can know without measuring
/// more: for a single method, its cross-validated SRCC on the target samples (the plain SRCC for
/// the unfitted proxy and device); for the automatic choice, that estimate shrunk by the
/// selection (<see cref="AutoSelection"/>), with <see cref="Interval"/> its approximate 95 % interval.
/// </summary>
public sealed record AdaptationResult(AdaptationMethod Method, LinearPredictor Predictor, double EstimatedSrcc, double Lambda,
    IReadOnlyDictionary<AdaptationMethod, double> EstimatedSrccByMethod)
{
    /// <summary>Predictions for each sample made without it (unfitted methods: the plain predictions); intercept-free.</summary>
    public double[] OutOfSample { get; init; } = [];

    /// <summary>The library device a <see cref="AdaptationMethod.Device"/> result scales; null otherwise.</summary>
    public string? Basis { get; init; }

    /// <summary>Why the automatic choice may not use this result (a negative predicted latency, a constant or sign-flipped ranking); null if usable.</summary>
    public string? Rejected { get; init; }

    /// <summary>Approximate 95 % interval of the SRCC the predictor achieves on unseen architectures (<see cref="SrccInterval"/>).</summary>
    public (double Low, double High) Interval { get; init; } = (-1, 1);
}

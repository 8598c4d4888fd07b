using OneProxy.Predictors;

namespace OneProxy.Adaptation;

/// <summary>
/// An adapted predictor. <see cref="EstimatedSrcc"/> is the cross-validated SRCC on the target
/// samples (for <see cref="AdaptationMethod.Proxy"/>, the plain SRCC on them: nothing is fitted);
/// it is what the tool can know without measuring more.
/// </summary>
public sealed record AdaptationResult(AdaptationMethod Method, LinearPredictor Predictor, double EstimatedSrcc, double Lambda,
    IReadOnlyDictionary<AdaptationMethod, double> EstimatedSrccByMethod);

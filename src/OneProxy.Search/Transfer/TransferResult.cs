using OneProxy.Adaptation;
using OneProxy.Predictors;
using OneProxy.Search;

namespace OneProxy.Transfer;

/// <summary>
/// What Algorithm 5 produced for one target. <see cref="Front"/> carries measured target
/// latencies. <see cref="SampleSrcc"/> is the proxy's SRCC on the sample; <see cref="EstimatedSrccAfter"/>
/// is the adapted predictor's cross-validated SRCC on it (NaN when the proxy was reused).
/// </summary>
public sealed record TransferResult(
    IReadOnlyList<Candidate> Front,
    IReadOnlyList<Candidate> PredictedCandidates,
    ILatencyModel PredictorUsed,
    bool Adapted,
    AdaptationMethod? Method,
    double SampleSrcc,
    double EstimatedSrccAfter,
    int SampleMeasurements,
    int PruningMeasurements)
{
    public int TargetMeasurements => SampleMeasurements + PruningMeasurements;
}

using System.Text.Json.Serialization;

namespace OneProxy.Service.Onboarding;

/// <summary>One point of a served Pareto front: a design, its measured target latency and its accuracy.</summary>
public sealed record FrontPoint(
    [property: JsonPropertyName("arch")] string Architecture,
    [property: JsonPropertyName("latency_ms")] double LatencyMs,
    [property: JsonPropertyName("accuracy")] double Accuracy);

/// <summary>One incremental adaptation round as served: measurements so far, chosen method, its cross-validated SRCC.</summary>
public sealed record RoundInfo(
    [property: JsonPropertyName("measurements")] int Measurements,
    [property: JsonPropertyName("method")] string Method,
    [property: JsonPropertyName("estimated_srcc")] double EstimatedSrcc);

/// <summary>What onboarding found for a device; stored as JSON on the device row and served by the API and the dashboard.</summary>
public sealed record OnboardingOutcome(
    [property: JsonPropertyName("proxy")] string Proxy,
    [property: JsonPropertyName("proxy_srcc")] IReadOnlyDictionary<string, double> SampledSrcc,
    [property: JsonPropertyName("rounds")] IReadOnlyList<RoundInfo> Rounds,
    [property: JsonPropertyName("adapted")] bool Adapted,
    [property: JsonPropertyName("method")] string? Method,
    [property: JsonPropertyName("sample_srcc")] double? SampleSrcc,
    [property: JsonPropertyName("measurements")] int Measurements,
    [property: JsonPropertyName("front")] IReadOnlyList<FrontPoint> Front,
    [property: JsonPropertyName("predicted_front")] IReadOnlyList<FrontPoint> PredictedFront,
    [property: JsonPropertyName("predictor")] string? PredictorJson);

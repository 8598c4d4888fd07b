using System.Text.Json;
using System.Text.Json.Serialization;

namespace OneProxy.Service.Onboarding;

/// <summary>
/// What onboarding's first two steps (proxy choice, incremental adaptation) decided, saved on the
/// device row when they end, so a pipeline restarted on another replica (the first one died or
/// lost its planner lease) goes straight to Algorithm 5 instead of recomputing them. Both steps
/// are a deterministic function of the stored measurements (fixed per device: exactly once) and
/// of <see cref="Fingerprint"/>'s inputs, so the checkpoint is a cache of that function, used only
/// when the fingerprint matches.
/// </summary>
public sealed record OnboardingCheckpoint(
    [property: JsonPropertyName("fingerprint")] string Fingerprint,
    [property: JsonPropertyName("proxy")] string Proxy,
    [property: JsonPropertyName("proxy_srcc")] IReadOnlyDictionary<string, double> SampledSrcc,
    [property: JsonPropertyName("rounds")] IReadOnlyList<RoundInfo> Rounds,
    [property: JsonPropertyName("target_measurements")] int TargetMeasurements)
{
    /// <summary>The inputs of steps 1 and 2 besides the measurements: settings, budget, space and library.</summary>
    public static string FingerprintOf(OnboardingContext ctx, int budget, OnboardingSettings settings) =>
        $"v1|{ctx.Space.Name}|{budget}|{string.Join(",", ctx.Library)}|{JsonSerializer.Serialize(settings)}";

    public string ToJson() => JsonSerializer.Serialize(this);

    /// <summary>The checkpoint in <paramref name="json"/> if it was made with <paramref name="fingerprint"/>'s inputs, else null (recompute).</summary>
    public static OnboardingCheckpoint? Parse(string? json, string fingerprint)
    {
        if (json is null) return null;
        OnboardingCheckpoint? c;
        try { c = JsonSerializer.Deserialize<OnboardingCheckpoint>(json); }
        catch (JsonException) { return null; } // a cache this code cannot read (another version's): recompute, as without one
        return c is not null && c.Fingerprint == fingerprint ? c : null;
    }
}

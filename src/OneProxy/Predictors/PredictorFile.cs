using System.Text.Json;
using System.Text.Json.Serialization;
using OneProxy.SearchSpaces;

namespace OneProxy.Predictors;

/// <summary>
/// Versioned JSON for predictors (never a binary pickle: files must outlive library upgrades).
/// Feature names are stored so a file from a different encoding is rejected, not misread.
/// </summary>
public static class PredictorFile
{
    public const string Format = "oneproxy.linear-predictor";
    public const int Version = 1;

    private sealed record Dto(
        [property: JsonPropertyName("format")] string Format,
        [property: JsonPropertyName("version")] int Version,
        [property: JsonPropertyName("space")] string Space,
        [property: JsonPropertyName("device")] string Device,
        [property: JsonPropertyName("method")] string Method,
        [property: JsonPropertyName("target_measurements")] int TargetMeasurements,
        [property: JsonPropertyName("features")] string[] Features,
        [property: JsonPropertyName("weights")] double[] Weights);

    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true };

    public static string Serialize(LinearPredictor p, ISearchSpace space) =>
        JsonSerializer.Serialize(new Dto(Format, Version, p.Space, p.Device, p.Method, p.TargetMeasurements, [.. space.FeatureNames], p.Weights), Options);

    public static void Save(string path, LinearPredictor p, ISearchSpace space) => File.WriteAllText(path, Serialize(p, space));

    public static LinearPredictor Load(string path, ISearchSpace space)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"predictor file not found: {path}", path);
        return Deserialize(File.ReadAllText(path), path, space);
    }

    public static LinearPredictor Deserialize(string json, string source, ISearchSpace space)
    {
        Dto? dto;
        try { dto = JsonSerializer.Deserialize<Dto>(json); }
        catch (JsonException e) { throw new FormatException($"{source}: not a predictor file ({e.Message})"); }
        if (dto is null || dto.Format != Format)
            throw new FormatException($"{source}: not a predictor file (expected \"format\": \"{Format}\")");
        if (dto.Version != Version)
            throw new FormatException($"{source}: predictor file version {dto.Version} is not supported (this build reads version {Version})");
        if (!string.Equals(dto.Space, space.Name, StringComparison.OrdinalIgnoreCase))
            throw new FormatException($"{source}: predictor is for space '{dto.Space}', not '{space.Name}'");
        if (dto.Weights is null || dto.Features is null || dto.Weights.Length != space.FeatureCount || !dto.Features.SequenceEqual(space.FeatureNames))
            throw new FormatException($"{source}: feature encoding does not match {space.Name} ({dto.Weights?.Length ?? 0} weights, expected {space.FeatureCount})");
        if (dto.Weights.Any(w => !double.IsFinite(w)))
            throw new FormatException($"{source}: weights must be finite numbers");
        return new LinearPredictor(dto.Space, dto.Device, dto.Weights, dto.Method, dto.TargetMeasurements);
    }
}

using System.Text.Json;
using System.Text.Json.Serialization;
using OneProxy.SearchSpaces;

using OneProxy.Data;

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

    private const string Kind = "latency predictor";

    public static LinearPredictor Load(string path, ISearchSpace space) => Deserialize(ModelFile.Read(path, Kind), path, space);

    public static LinearPredictor Deserialize(string json, string source, ISearchSpace space)
    {
        var dto = ModelFile.Parse<Dto>(json, source, Kind);
        ModelFile.CheckHeader(source, Kind, dto.Format, Format, dto.Version, Version, dto.Space, dto.Features, space);
        if (dto.Weights is null || dto.Weights.Length != space.FeatureCount)
            throw new ModelFileException($"{source}: {dto.Weights?.Length ?? 0} weights, expected {space.FeatureCount} (one per feature)");
        // Finite is not enough: 31 weights near 1e308 sum to infinity. No latency is near 1e12 ms.
        if (dto.Weights.Any(w => !double.IsFinite(w) || Math.Abs(w) > WideTableReader.MaxValue))
            throw new ModelFileException($"{source}: weights must be finite numbers of magnitude at most {WideTableReader.MaxValue:G3}");
        return new LinearPredictor(dto.Space, dto.Device, dto.Weights, dto.Method, dto.TargetMeasurements);
    }
}

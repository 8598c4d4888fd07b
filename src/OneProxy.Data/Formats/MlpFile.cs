using System.Text.Json;
using System.Text.Json.Serialization;
using OneProxy.Predictors;
using OneProxy.SearchSpaces;

using OneProxy.Data;

namespace OneProxy.Accuracy;

/// <summary>
/// Versioned JSON for the MLP accuracy predictor (format "oneproxy.accuracy-mlp", version 1):
/// space, feature names (a file from another encoding is refused), per-layer weights (rows =
/// output units) and biases, and the accuracy standardisation.
/// </summary>
public static class MlpFile
{
    public const string Format = "oneproxy.accuracy-mlp";
    public const int Version = 1;

    private sealed record Layer(
        [property: JsonPropertyName("weights")] double[][] Weights,
        [property: JsonPropertyName("bias")] double[] Bias);

    private sealed record Dto(
        [property: JsonPropertyName("format")] string Format,
        [property: JsonPropertyName("version")] int Version,
        [property: JsonPropertyName("space")] string Space,
        [property: JsonPropertyName("trained_on")] int TrainedOn,
        [property: JsonPropertyName("target_mean")] double TargetMean,
        [property: JsonPropertyName("target_std")] double TargetStd,
        [property: JsonPropertyName("features")] string[] Features,
        [property: JsonPropertyName("layers")] Layer[] Layers);

    private static readonly JsonSerializerOptions Options = new() { WriteIndented = false };

    /// <summary>
    /// Largest weight, bias or target statistic accepted: trained networks stay many orders below it,
    /// and it keeps every prediction finite (a 1e300 weight is finite but overflows the first sum).
    /// </summary>
    public const double MaxMagnitude = 1e6;

    private static bool Usable(double v) => double.IsFinite(v) && Math.Abs(v) <= MaxMagnitude;

    public static string Serialize(MlpAccuracyPredictor p, ISearchSpace space)
    {
        var layers = p.Weights.Select((w, l) => new Layer(
            Enumerable.Range(0, w.GetLength(0)).Select(o => Enumerable.Range(0, w.GetLength(1)).Select(i => w[o, i]).ToArray()).ToArray(),
            p.Biases[l])).ToArray();
        return JsonSerializer.Serialize(new Dto(Format, Version, space.Name, p.TrainedOn, p.TargetMean, p.TargetStd, [.. space.FeatureNames], layers), Options);
    }

    public static void Save(string path, MlpAccuracyPredictor p, ISearchSpace space) => File.WriteAllText(path, Serialize(p, space));

    private const string Kind = "accuracy predictor";

    public static MlpAccuracyPredictor Load(string path, ISearchSpace space) => Deserialize(ModelFile.Read(path, Kind), path, space);

    public static MlpAccuracyPredictor Deserialize(string json, string source, ISearchSpace space)
    {
        var dto = ModelFile.Parse<Dto>(json, source, Kind);
        ModelFile.CheckHeader(source, Kind, dto.Format, Format, dto.Version, Version, dto.Space, dto.Features, space);
        if (dto.Layers is null || dto.Layers.Length < 2) throw new ModelFileException($"{source}: needs at least 2 layers");
        if (!double.IsFinite(dto.TargetMean) || !double.IsFinite(dto.TargetStd) || dto.TargetStd <= 0 || Math.Abs(dto.TargetMean) > MaxMagnitude || dto.TargetStd > MaxMagnitude)
            throw new ModelFileException($"{source}: target_mean and target_std must be finite (std > 0, both at most {MaxMagnitude:G3})");
        var weights = new double[dto.Layers.Length][,];
        var biases = new double[dto.Layers.Length][];
        for (int l = 0; l < dto.Layers.Length; l++)
        {
            var layer = dto.Layers[l] ?? throw new ModelFileException($"{source}: layer {l} is null");
            var rows = layer.Weights ?? throw new ModelFileException($"{source}: layer {l} has no weights");
            biases[l] = layer.Bias ?? throw new ModelFileException($"{source}: layer {l} has no bias");
            if (biases[l].Any(b => !Usable(b))) throw new ModelFileException($"{source}: layer {l} has a bias that is not finite or above {MaxMagnitude:G3} in magnitude");
            int cols = rows.Length > 0 && rows[0] is not null ? rows[0].Length : 0;
            weights[l] = new double[rows.Length, cols];
            for (int o = 0; o < rows.Length; o++)
            {
                if (rows[o] is null || rows[o].Length != cols) throw new ModelFileException($"{source}: layer {l} row {o} has {rows[o]?.Length ?? 0} weights, expected {cols}");
                for (int i = 0; i < cols; i++)
                {
                    if (!Usable(rows[o][i])) throw new ModelFileException($"{source}: layer {l} weight [{o},{i}] is not finite or above {MaxMagnitude:G3} in magnitude");
                    weights[l][o, i] = rows[o][i];
                }
            }
        }
        try
        {
            return new MlpAccuracyPredictor(space, weights, biases, dto.TargetMean, dto.TargetStd, dto.TrainedOn);
        }
        catch (ArgumentException e)
        {
            throw new ModelFileException($"{source}: {e.Message}");
        }
    }
}

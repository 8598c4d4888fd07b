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
        var weights = new double[dto.Layers.Length][,];
        for (int l = 0; l < dto.Layers.Length; l++)
        {
            var rows = dto.Layers[l].Weights ?? throw new ModelFileException($"{source}: layer {l} has no weights");
            int cols = rows.Length > 0 ? rows[0].Length : 0;
            weights[l] = new double[rows.Length, cols];
            for (int o = 0; o < rows.Length; o++)
            {
                if (rows[o].Length != cols) throw new ModelFileException($"{source}: layer {l} row {o} has {rows[o].Length} weights, expected {cols}");
                for (int i = 0; i < cols; i++)
                {
                    if (!double.IsFinite(rows[o][i])) throw new ModelFileException($"{source}: layer {l} weight [{o},{i}] is not finite");
                    weights[l][o, i] = rows[o][i];
                }
            }
        }
        try
        {
            return new MlpAccuracyPredictor(space, weights, dto.Layers.Select(x => x.Bias).ToArray(), dto.TargetMean, dto.TargetStd, dto.TrainedOn);
        }
        catch (ArgumentException e)
        {
            throw new ModelFileException($"{source}: {e.Message}");
        }
    }
}

using System.Text.Json;
using System.Text.Json.Serialization;
using OneProxy.Data;
using OneProxy.Energy.LearnToOptimize;
using OneProxy.Learning;
using OneProxy.Predictors;
using OneProxy.SearchSpaces;

namespace OneProxy.Application.L2o;

/// <summary>
/// Versioned JSON of a learning-to-optimize model (format "oneproxy.l2o", version 1): header
/// (space, its feature names, device set, metrics, device feature names, signature references),
/// the training devices with their features, the settings, the accuracy scale, every network as
/// layer sizes + flat parameters (<see cref="DenseNetwork.Parameters"/> layout) + output
/// standardisation, and the training rounds. Never a binary/pickle: a file from another
/// version, space or encoding is refused with a message naming the file.
/// </summary>
public static class L2oModelFile
{
    public const string Format = "oneproxy.l2o";
    public const int Version = 1;
    private const string Kind = "learning-to-optimize model";

    private sealed record Net(
        [property: JsonPropertyName("metric")] string Metric,
        [property: JsonPropertyName("sizes")] int[] Sizes,
        [property: JsonPropertyName("target_mean")] double Mean,
        [property: JsonPropertyName("target_std")] double Std,
        [property: JsonPropertyName("parameters")] double[] Parameters);

    private sealed record Device(
        [property: JsonPropertyName("name")] string Name,
        [property: JsonPropertyName("kind")] string Kind,
        [property: JsonPropertyName("features")] double[] Features,
        [property: JsonPropertyName("log_offsets")] double[] Offsets);

    private sealed record Round(
        [property: JsonPropertyName("round")] int Number,
        [property: JsonPropertyName("measured")] int Measured,
        [property: JsonPropertyName("accuracy_mse")] double AccuracyMse,
        [property: JsonPropertyName("cost_mse")] double[] CostMse,
        [property: JsonPropertyName("optimizer_loss")] double OptimizerLoss,
        [property: JsonPropertyName("train_gap_median")] double TrainGap,
        [property: JsonPropertyName("seconds")] double Seconds);

    private sealed record Dto(
        [property: JsonPropertyName("format")] string Format,
        [property: JsonPropertyName("version")] int Version,
        [property: JsonPropertyName("space")] string Space,
        [property: JsonPropertyName("features")] string[] Features,
        [property: JsonPropertyName("devices")] string Devices,
        [property: JsonPropertyName("metrics")] string[] Metrics,
        [property: JsonPropertyName("device_features")] string[] DeviceFeatures,
        [property: JsonPropertyName("references")] string[] References,
        [property: JsonPropertyName("training_devices")] Device[] TrainingDevices,
        [property: JsonPropertyName("synthetic_devices")] int Synthetic,
        [property: JsonPropertyName("method")] int Method,
        [property: JsonPropertyName("relaxation")] string Relaxation,
        [property: JsonPropertyName("temperature")] double Temperature,
        [property: JsonPropertyName("seed")] int Seed,
        [property: JsonPropertyName("measurements_per_device")] int MeasurementsPerDevice,
        [property: JsonPropertyName("lambda_min")] double LambdaMin,
        [property: JsonPropertyName("lambda_max")] double LambdaMax,
        [property: JsonPropertyName("accuracy_low")] double AccuracyLow,
        [property: JsonPropertyName("accuracy_span")] double AccuracySpan,
        [property: JsonPropertyName("accuracy")] Net Accuracy,
        [property: JsonPropertyName("costs")] Net[] Costs,
        [property: JsonPropertyName("optimizer")] Net Optimizer,
        [property: JsonPropertyName("rounds")] Round[] Rounds);

    public static string Serialize(L2oModel m)
    {
        static Net N(string metric, DenseNetwork n, double mean, double std) => new(metric, [.. n.LayerSizes], mean, std, [.. n.Parameters]);
        var dto = new Dto(Format, Version, m.Space.Name, [.. m.Space.FeatureNames], m.Set.ToString().ToLowerInvariant(), [.. m.Metrics], [.. m.DeviceFeatureNames],
            [.. m.References], m.TrainingDevices.Select(d => new Device(d.Name, d.Kind.ToString().ToLowerInvariant(), d.Features, d.LogOffsets)).ToArray(),
            m.SyntheticDevices, (int)m.Method, m.Relaxation.ToString().ToLowerInvariant(), m.Temperature, m.Seed, m.MeasurementsPerDevice,
            m.Optimizer.Lambda.Min, m.Optimizer.Lambda.Max, m.Models.AccuracyLow, m.Models.AccuracySpan,
            N(m.Models.Accuracy.Metric, m.Models.Accuracy.Network, m.Models.Accuracy.TargetMean, m.Models.Accuracy.TargetStd),
            m.Models.Costs.Select(c => N(c.Metric, c.Network, c.TargetMean, c.TargetStd)).ToArray(),
            N("optimizer", m.Optimizer.Network, 0, 1),
            m.Rounds.Select(r => new Round(r.Round, r.Measured, r.AccuracyMse, r.CostMse, r.OptimizerLoss, r.TrainGap, r.Seconds)).ToArray());
        return JsonSerializer.Serialize(dto);
    }

    public static void Save(string path, L2oModel model) => File.WriteAllText(path, Serialize(model));

    public static L2oModel Load(string path)
    {
        if (!File.Exists(path)) throw new InvalidOptionException("model", $"file not found: {path}");
        return Deserialize(File.ReadAllText(path), path);
    }

    public static L2oModel Deserialize(string json, string source)
    {
        var dto = ModelFile.Parse<Dto>(json, source, Kind);
        if (dto.Format != Format) throw new ModelFileException($"{source}: not a valid {Kind} file (expected \"format\": \"{Format}\", found '{dto.Format}')");
        if (dto.Version != Version) throw new ModelFileException($"{source}: {Kind} file version {dto.Version} is not supported (this OneProxy reads version {Version})");
        ISearchSpace space;
        try { space = SearchSpaceRegistry.Get(dto.Space); }
        catch (OneProxyException) { throw new ModelFileException($"{source}: unknown space '{dto.Space}'"); }
        ModelFile.CheckHeader(source, Kind, dto.Format, Format, dto.Version, Version, dto.Space, dto.Features, space);
        if (!Enum.TryParse<L2oDeviceSet>(dto.Devices, true, out var set)) throw new ModelFileException($"{source}: unknown device set '{dto.Devices}'");
        if (dto.Metrics is null || dto.Metrics.Length is < 1 or > 2) throw new ModelFileException($"{source}: needs one or two metrics");
        if (dto.Costs is null || dto.Costs.Length != dto.Metrics.Length) throw new ModelFileException($"{source}: {dto.Costs?.Length ?? 0} cost networks for {dto.Metrics.Length} metrics");
        if (dto.TrainingDevices is null || dto.TrainingDevices.Length == 0) throw new ModelFileException($"{source}: no training devices");
        if (!Enum.IsDefined((L2oMethod)dto.Method)) throw new ModelFileException($"{source}: unknown method {dto.Method}");
        if (!Enum.TryParse<RelaxedInput>(dto.Relaxation, true, out var relax)) throw new ModelFileException($"{source}: unknown relaxation '{dto.Relaxation}'");
        var layout = OneProxy.Energy.Gradient.GradientSearchUseCase.Layout(space);
        int f = layout.FeatureCount, d = dto.DeviceFeatures?.Length ?? 0;
        try
        {
            var acc = new PerformanceNetwork(dto.Accuracy.Metric, Network(dto.Accuracy, source), f, 0, dto.Accuracy.Mean, dto.Accuracy.Std);
            var costs = dto.Costs.Select(c => new PerformanceNetwork(c.Metric, Network(c, source), f, d, c.Mean, c.Std)).ToArray();
            var models = new PerformanceModels(acc, costs);
            models.RestoreAccuracyScale(dto.AccuracyLow, dto.AccuracySpan);
            var optimizer = new OptimizerNetwork(layout, Network(dto.Optimizer, source), d, dto.Metrics.Length, new LambdaRange(dto.LambdaMin, dto.LambdaMax));
            var devices = dto.TrainingDevices.Select(x => x.Features?.Length == d && x.Offsets?.Length == dto.Metrics.Length && Enum.TryParse<DeviceKind>(x.Kind, true, out var kind)
                ? new L2oDevice(x.Name, kind, x.Features, x.Offsets) : throw new ModelFileException($"{source}: training device '{x.Name}' has the wrong number of features or offsets")).ToArray();
            var rounds = (dto.Rounds ?? []).Select(r => new L2oRound(r.Number, r.Measured, r.AccuracyMse, r.CostMse ?? [], r.OptimizerLoss, r.TrainGap, r.Seconds)).ToArray();
            return new L2oModel(space, set, dto.Metrics, dto.DeviceFeatures ?? [], dto.References ?? [], devices, dto.Synthetic, (L2oMethod)dto.Method, relax,
                dto.Temperature, dto.Seed, dto.MeasurementsPerDevice, models, optimizer, rounds);
        }
        catch (ArgumentException e) { throw new ModelFileException($"{source}: inconsistent networks ({e.Message})"); }
        catch (OneProxyException e) when (e is not ModelFileException) { throw new ModelFileException($"{source}: {e.Message}"); }
    }

    private static DenseNetwork Network(Net? n, string source)
    {
        if (n?.Sizes is null || n.Parameters is null) throw new ModelFileException($"{source}: a network has no sizes or parameters");
        var net = new DenseNetwork(n.Sizes);
        if (n.Parameters.Length != net.ParameterCount)
            throw new ModelFileException($"{source}: network '{n.Metric}' has {n.Parameters.Length} parameters, its sizes [{string.Join(",", n.Sizes)}] need {net.ParameterCount}");
        if (n.Parameters.Any(v => !double.IsFinite(v))) throw new ModelFileException($"{source}: network '{n.Metric}' has non-finite parameters");
        n.Parameters.CopyTo(net.Parameters, 0);
        return net;
    }
}

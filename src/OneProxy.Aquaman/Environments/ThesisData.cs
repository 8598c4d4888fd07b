namespace OneProxy.Aquaman.Environments;

/// <summary>
/// The thesis's 4 tablets/phones and 6 TFLite models (chapter 2). What the thesis states is used as given: device CPU
/// speed, cores, RAM size and frequency for three devices (Table 3.2), the six models, the per-device QoE optima, NASNet
/// Large worst on 3 of 4 devices, Vankyo + MobileNet V2 quant ≈ 1.2 s and a 10× latency spread across devices.
/// Everything else is an ASSUMPTION, marked so below: the Vivo V1838A's specs, all battery sizes, model
/// nodes/layers, latencies and energies other than the one stated, and the mean ratings of the user study
/// (the raw ratings are not published). MACs, parameters and ImageNet top-1 are approximate public values of these
/// architectures (TF hosted-model pages), not read from the .tflite files.
/// </summary>
public static class ThesisData
{
    public static readonly string[] DeviceNames = ["Vankyo MatrixPad Z1", "Samsung Galaxy Tab A", "Samsung Galaxy Tab S5e", "Vivo V1838A"];

    public static readonly FeatureSpec[] DeviceFeatures =
    [
        new("cpu_ghz", "GHz", 1.0, 2.5),
        new("cores", "count", 2, 8),
        new("ram_gb", "GB", 1, 8, LogScale: true),
        new("ram_mhz", "MHz", 800, 2133),
        new("battery_mah", "mAh", 2500, 8000),
    ];

    /// <summary>CPU GHz, cores, RAM GB, RAM MHz (thesis Table 3.2; Vivo assumed), battery mAh (all assumed).</summary>
    public static readonly double[][] Devices =
    [
        [1.5, 4, 1, 933, 5000],
        [2.0, 4, 2, 933, 5100],
        [2.0, 8, 4, 1866, 7040],
        [2.0, 8, 6, 1800, 3260],
    ];

    public static readonly string[] ModelNames = ["I3Q", "M2Q", "M1Q", "I4F", "M2F", "NL"];

    public static readonly string[] ModelLongNames =
        ["Inception_V3_quant", "MobileNet_V2_1.0_224_quant", "MobileNet_V1_0.75_192_quant", "Inception_V4", "MobileNet_V2_1.0_224", "NASNet_large"];

    public static readonly FeatureSpec[] ModelFeatures =
    [
        new("mmacs", "million MACs", 100, 30000, LogScale: true),
        new("mparams", "million parameters", 1, 100, LogScale: true),
        new("size_mb", "MB", 1, 400, LogScale: true),
        new("nodes", "graph nodes", 20, 1500, LogScale: true),
        new("layers", "layers", 20, 1000, LogScale: true),
    ];

    /// <summary>Million MACs, million parameters, size MB (approximate public values); nodes, layers (assumed).</summary>
    public static readonly double[][] Models =
    [
        [5713, 23.8, 23.0, 132, 95],
        [300, 3.47, 3.4, 65, 53],
        [233, 2.59, 2.6, 31, 28],
        [12270, 42.7, 171, 224, 149],
        [300, 3.47, 14.0, 65, 53],
        [23800, 88.9, 355, 1200, 800],
    ];

    /// <summary>ImageNet top-1 (%) of each model (approximate public values).</summary>
    public static readonly double[] AccuracyPercent = [77.5, 70.8, 66.2, 80.1, 71.8, 82.6];

    /// <summary>Latency factor of each device (Vankyo = 1; 10× spread, thesis L674) and of each model (M2Q = 1): assumed.</summary>
    public static readonly double[] DeviceSlowness = [1.0, 0.55, 0.12, 0.10];
    public static readonly double[] ModelSlowness = [9, 1.0, 0.6, 28, 1.6, 55];

    /// <summary>Average power draw (W) while inferring, per device: assumed.</summary>
    public static readonly double[] DevicePowerWatts = [1.8, 2.0, 2.6, 2.4];

    /// <summary>Latency in seconds: 1.2 s × device factor × model factor (Vankyo + M2Q = 1.2 s as stated).</summary>
    public static double LatencySeconds(int device, int model) => 1.2 * DeviceSlowness[device] * ModelSlowness[model];

    public static double EnergyJoules(int device, int model) => DevicePowerWatts[device] * LatencySeconds(device, model);

    /// <summary>
    /// Designed mean rating (1–10) per device (rows) and model (columns), SYNTHETIC: chosen so that the thesis's facts
    /// hold — optima Vankyo → M2F, Tab A → M2Q, S5e → I3Q, Vivo → I3Q; NL worst on Vankyo, Tab A and S5e and second
    /// worst on Vivo; slow devices punish the big models.
    /// </summary>
    public static readonly double[,] MeanRating =
    {
        { 3.8, 6.5, 6.0, 2.6, 7.1, 1.8 },
        { 4.6, 7.3, 6.6, 3.0, 6.7, 2.2 },
        { 7.9, 7.0, 6.3, 6.5, 7.2, 4.4 },
        { 7.7, 6.9, 6.4, 4.6, 7.1, 5.0 },
    };
}

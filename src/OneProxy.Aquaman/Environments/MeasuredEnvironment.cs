using System.Globalization;
using CsvHelper;

namespace OneProxy.Aquaman.Environments;

/// <summary>
/// Real CNNs on real hardware: latency (and GPU energy) measured by agents/aquaman_models.py on the H100 at several
/// batch sizes and precisions and on this machine's CPU at 1 and 2 threads (docs/data/aquaman-measured.csv). A device
/// type is one (hardware, precision, threads, batch) setting; its features are the documented analogue of the thesis's
/// phone features: peak TFLOPS at that precision (CPU speed), cores used (cores), memory GB (RAM size), memory
/// bandwidth GB/s (RAM frequency) and batch size (no battery on these machines). Model features are those the agent
/// extracted: MACs, parameters, size, graph nodes, layers. No user rated these pairs, so the QoE is a SYNTHETIC
/// utility of measured latency and energy and of the model's published top-1:
/// QoE = A · 1 / (1 + (latency / 100 ms)²) · 1 / (1 + energy / 5 J), A = clip((top1 − 55) / 30, 0, 1), feedback noise
/// N(0, 0.05²). QoS filter: latency ≤ 1,000 ms.
/// </summary>
public sealed class MeasuredEnvironment : QoeEnvironment
{
    public const double NoiseSd = 0.05;
    public const double LatencyLimitMs = 1000;
    private readonly ModelArm[] _models;
    private readonly DeviceProfile[] _devices;

    private static readonly FeatureSpec[] DeviceSpecs =
    [
        new("peak_tflops", "TFLOPS", 0.05, 1000, LogScale: true),
        new("cores", "cores or SMs used", 1, 132, LogScale: true),
        new("memory_gb", "GB", 1, 128, LogScale: true),
        new("memory_bw_gbs", "GB/s", 5, 4000, LogScale: true),
        new("batch", "images per request", 1, 64, LogScale: true),
    ];

    private static readonly FeatureSpec[] ModelSpecs =
    [
        new("mmacs", "million MACs", 10, 100000, LogScale: true),
        new("mparams", "million parameters", 0.5, 1000, LogScale: true),
        new("size_mb", "MB (fp32)", 2, 4000, LogScale: true),
        new("nodes", "FX graph nodes", 10, 5000, LogScale: true),
        new("layers", "conv + linear layers", 5, 1000, LogScale: true),
    ];

    private MeasuredEnvironment(ModelArm[] models, DeviceProfile[] devices, string source)
    {
        _models = models;
        _devices = devices;
        Source = source;
        Validate();
    }

    public string Source { get; }
    public override string Name => "measured";
    public override bool IsSynthetic => true; // the QoE is synthetic even though latency and energy are measured
    public override string Description =>
        $"measured latency/energy ({Source}): {_models.Length} models x {_devices.Length} device settings; QoE = SYNTHETIC utility of latency, energy, top-1";
    public override IReadOnlyList<FeatureSpec> DeviceFeatures => DeviceSpecs;
    public override IReadOnlyList<FeatureSpec> ModelFeatures => ModelSpecs;
    public override IReadOnlyList<ModelArm> Models => _models;
    public override IReadOnlyList<DeviceProfile> Devices => _devices;

    public override double DrawQoe(int device, int model, Random rng) =>
        Math.Clamp(_devices[device].ExpectedQoe[model] + NoiseSd * MathNet.Numerics.Distributions.Normal.Sample(rng, 0, 1), 0, 1);

    public static double Utility(double top1, double latencyMs, double energyJ)
    {
        double a = Math.Clamp((top1 - 55) / 30, 0, 1);
        return a / (1 + Math.Pow(latencyMs / 100, 2)) / (1 + energyJ / 5);
    }

    /// <summary>docs/data/aquaman-measured.csv in the working directory or one of its parents.</summary>
    public static string DefaultPath()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            var p = Path.Combine(dir.FullName, "docs", "data", "aquaman-measured.csv");
            if (File.Exists(p)) return p;
        }
        throw new FileNotFoundException("docs/data/aquaman-measured.csv not found from the working directory; pass --measured-data");
    }

    /// <summary>Reads the agent's long CSV: one row per (device setting, model) with features, top-1, latency_ms and energy_j (empty on the CPU).</summary>
    public static MeasuredEnvironment Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"measured data not found: {path}", path);
        using var text = new StreamReader(path);
        using var csv = CsvReader.Create(text, new CsvReaderOptions { HasHeader = false, TrackLineNumbers = true, TrimWhitespace = true, MalformedData = CsvMalformedDataHandling.Throw }, false);
        string[] Fields() => Enumerable.Range(0, csv.FieldCount).Select(i => csv.GetString(i).Trim()).ToArray();
        if (!csv.Read()) throw new UnusableDataException($"{path}: empty file");
        var header = Fields();
        string[] devCols = ["peak_tflops", "cores", "memory_gb", "memory_bw_gbs", "batch"], modCols = ["mmacs", "mparams", "size_mb", "nodes", "layers"];
        int Col(string c) => Array.IndexOf(header, c) is var i and >= 0 ? i : throw new UnusableDataException($"{path}:1: missing column '{c}'");
        var devIdx = devCols.Select(Col).ToArray();
        var modIdx = modCols.Select(Col).ToArray();
        int deviceCol = Col("device"), modelCol = Col("model"), top1Col = Col("top1"), latCol = Col("latency_ms"), energyCol = Col("energy_j");
        var rows = new List<(string Device, double[] DevF, string Model, double[] ModF, double Top1, double Lat, double Energy)>();
        while (csv.Read())
        {
            long line = csv.LineNumber;
            var rec = Fields();
            if (rec.Length != header.Length) throw new UnusableDataException($"{path}:{line}: {rec.Length} fields, the header has {header.Length}");
            double Num(int c)
            {
                if (!double.TryParse(rec[c], NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !double.IsFinite(v))
                    throw new UnusableDataException($"{path}:{line}:{c + 1}: column '{header[c]}' is '{rec[c]}', not a number");
                return v;
            }
            double energy = string.IsNullOrWhiteSpace(rec[energyCol]) ? double.NaN : Num(energyCol);
            rows.Add((rec[deviceCol], devIdx.Select(Num).ToArray(), rec[modelCol], modIdx.Select(Num).ToArray(), Num(top1Col), Num(latCol), energy));
        }
        if (rows.Count == 0) throw new UnusableDataException($"{path}: no rows");
        var devices = rows.Select(r => r.Device).Distinct().ToArray();
        // a model enters only when every device setting measured it (a budget-limited run may stop early)
        var models = rows.Select(r => r.Model).Distinct().Where(m => devices.All(d => rows.Any(r => r.Device == d && r.Model == m))).ToArray();
        if (models.Length < 2) throw new UnusableDataException($"{path}: fewer than 2 models were measured on every device setting");
        var armList = models.Select(m => new ModelArm(m, rows.First(r => r.Model == m).ModF)).ToArray();
        var profiles = new List<DeviceProfile>();
        foreach (var d in devices)
        {
            var expected = new double[models.Length];
            var feasible = new bool[models.Length];
            var mine = new Dictionary<string, (string Device, double[] DevF, string Model, double[] ModF, double Top1, double Lat, double Energy)>();
            foreach (var r in rows.Where(r => r.Device == d))
                if (!mine.TryAdd(r.Model, r)) throw new UnusableDataException($"{path}: device '{d}' has model '{r.Model}' twice");
            for (int m = 0; m < models.Length; m++)
            {
                var r = mine[models[m]];
                // CPU rows have no energy reading: estimate it from latency at a nominal 2 W per busy core
                double energy = double.IsNaN(r.Energy) ? r.Lat / 1000 * 2.0 * r.DevF[1] : r.Energy;
                expected[m] = Utility(r.Top1, r.Lat, energy);
                feasible[m] = r.Lat <= LatencyLimitMs;
            }
            if (!feasible.Any(f => f)) continue; // a setting where nothing meets the QoS bound is not served
            profiles.Add(new DeviceProfile(d, mine.Values.First().DevF, expected, feasible));
        }
        return new MeasuredEnvironment(armList, [.. profiles], Path.GetFileName(path));
    }
}

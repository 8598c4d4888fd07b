namespace OneProxy.Aquaman.Environments;

/// <summary>
/// A model-selection world: models (arms) with features, a finite population of device types that arrive uniformly at
/// random, each device's expected QoE per model (known to the environment only, for Oracle, Static and regret), a QoS
/// filter, and a generator of noisy QoE feedback. Contexts are device features followed by model features, each
/// min–max scaled to [0, 1] by its <see cref="FeatureSpec"/>.
/// </summary>
public abstract class QoeEnvironment
{
    private double[][][]? _contexts;

    public abstract string Name { get; }

    /// <summary>True when the QoE (and possibly more) is generated, not measured from people: shown in every output.</summary>
    public abstract bool IsSynthetic { get; }

    /// <summary>One line on where every number comes from.</summary>
    public abstract string Description { get; }

    public abstract IReadOnlyList<FeatureSpec> DeviceFeatures { get; }
    public abstract IReadOnlyList<FeatureSpec> ModelFeatures { get; }
    public abstract IReadOnlyList<ModelArm> Models { get; }
    public abstract IReadOnlyList<DeviceProfile> Devices { get; }

    /// <summary>One noisy QoE in [0, 1] for device type <paramref name="device"/> served model <paramref name="model"/>.</summary>
    public abstract double DrawQoe(int device, int model, Random rng);

    public int ContextSize => DeviceFeatures.Count + ModelFeatures.Count;

    /// <summary>Label used in CSV and plot titles.</summary>
    public string Label => IsSynthetic ? $"{Name} (SYNTHETIC)" : Name;

    /// <summary>Scaled context of every (device, model) pair: [device][model][feature].</summary>
    public double[][][] Contexts => _contexts ??= Devices.Select(d => Models.Select(m => Context(d.Features, m.Features)).ToArray()).ToArray();

    /// <summary>The scaled context for raw device and model features.</summary>
    public double[] Context(IReadOnlyList<double> device, IReadOnlyList<double> model)
    {
        if (device.Count != DeviceFeatures.Count || model.Count != ModelFeatures.Count)
            throw new ArgumentException($"context needs {DeviceFeatures.Count} device and {ModelFeatures.Count} model features, got {device.Count} and {model.Count}");
        var x = new double[ContextSize];
        for (int i = 0; i < device.Count; i++) x[i] = DeviceFeatures[i].Normalize(device[i]);
        for (int j = 0; j < model.Count; j++) x[device.Count + j] = ModelFeatures[j].Normalize(model[j]);
        return x;
    }

    /// <summary>Feasible model indices of a device type.</summary>
    public int[] FeasibleArms(int device) => Enumerable.Range(0, Models.Count).Where(m => Devices[device].Feasible[m]).ToArray();

    /// <summary>The best feasible model of each device type by expected QoE (Oracle).</summary>
    public int OracleArm(int device) => FeasibleArms(device).MaxBy(m => Devices[device].ExpectedQoe[m]);

    /// <summary>Models ranked by expected QoE averaged over the device population (Static uses the first feasible one).</summary>
    public int[] StaticRanking() =>
        Enumerable.Range(0, Models.Count).OrderByDescending(m => Devices.Average(d => d.ExpectedQoe[m])).ToArray();

    /// <summary>Whether <paramref name="model"/> is among the device's 3 best feasible models by expected QoE.</summary>
    public bool InTop3(int device, int model) =>
        FeasibleArms(device).OrderByDescending(m => Devices[device].ExpectedQoe[m]).Take(3).Contains(model);

    /// <summary>Checks sizes and ranges once, so a broken environment fails at construction, not mid-simulation.</summary>
    protected void Validate()
    {
        if (Models.Count < 2) throw new ArgumentException($"{Name}: need at least 2 models, got {Models.Count}");
        if (Devices.Count < 1) throw new ArgumentException($"{Name}: need at least 1 device type");
        foreach (var m in Models)
            if (m.Features.Length != ModelFeatures.Count) throw new ArgumentException($"{Name}: model {m.Name} has {m.Features.Length} features, expected {ModelFeatures.Count}");
        foreach (var d in Devices)
        {
            if (d.Features.Length != DeviceFeatures.Count) throw new ArgumentException($"{Name}: device {d.Name} has {d.Features.Length} features, expected {DeviceFeatures.Count}");
            if (d.ExpectedQoe.Length != Models.Count || d.Feasible.Length != Models.Count) throw new ArgumentException($"{Name}: device {d.Name} has {d.ExpectedQoe.Length} QoE values for {Models.Count} models");
            if (d.ExpectedQoe.Any(q => !(q >= 0 && q <= 1))) throw new ArgumentException($"{Name}: device {d.Name} has an expected QoE outside [0, 1]");
            if (!d.Feasible.Any(f => f)) throw new ArgumentException($"{Name}: device {d.Name} has no feasible model");
        }
    }
}

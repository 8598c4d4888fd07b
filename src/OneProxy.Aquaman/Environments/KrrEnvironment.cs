namespace OneProxy.Aquaman.Environments;

/// <summary>
/// The thesis's SYNTHETIC scale-up (L832-855, L883-891). A performance generator (kernel ridge regression from the 10
/// scaled device + model features to log latency, log energy and accuracy, fitted on the 4 × 6 thesis pairs of
/// <see cref="ThesisData"/>) and a QoE generator (kernel ridge regression from scaled (log energy, log latency,
/// accuracy) to the synthetic user study's mean QoE; RBF α = 0.001 γ = 4 or Laplacian α = 0.01 γ = 1 as in the thesis)
/// give every (device, model) pair an expected QoE. Arms: the 5 real models plus synthetic models whose features are
/// drawn uniformly in the real ranges (log scale for MACs, parameters, size); devices: a population of synthetic device
/// types drawn the same way, one arriving uniformly at random per round. Feedback = expected QoE + N(0, 0.05²),
/// clipped to [0, 1]. QoS filter: a model is infeasible on a device when its generated latency exceeds
/// <see cref="LatencyLimitSeconds"/> (the fastest model is always kept).
/// </summary>
public sealed class KrrEnvironment : QoeEnvironment
{
    public const double NoiseSd = 0.05;
    public const double LatencyLimitSeconds = 3.0;

    /// <summary>
    /// γ of the performance generator (the thesis gives no kernel for it). Its 10 inputs are spread so far apart that
    /// the QoE generator's γ (4 for RBF, 1 for Laplacian, meant for 3 inputs) would make every new device or model
    /// fall back to the mean; γ / 10 per input dimension keeps the generated latencies dependent on the features.
    /// </summary>
    public double PerformanceGamma => Kernel == RidgeKernel.Rbf ? 0.4 : 0.1;
    private readonly ModelArm[] _models;
    private readonly DeviceProfile[] _devices;
    private readonly string _name;

    public KrrEnvironment(RidgeKernel kernel, int syntheticModels, int deviceTypes, int seed, string? name = null)
    {
        if (syntheticModels < 0 || syntheticModels > 10_000) throw new ArgumentException($"synthetic models must be in 0..10000, got {syntheticModels}");
        if (deviceTypes < 1 || deviceTypes > 100_000) throw new ArgumentException($"device types must be in 1..100000, got {deviceTypes}");
        Kernel = kernel;
        _name = name ?? (kernel == RidgeKernel.Rbf ? "synthetic" : "synthetic-laplacian");
        var (alpha, gamma) = kernel == RidgeKernel.Rbf ? (0.001, 4.0) : (0.01, 1.0);
        var study = SyntheticUserStudy.Generate();

        // performance generator on the 24 thesis pairs
        var x = new List<double[]>();
        var logLat = new List<double>();
        var logEnergy = new List<double>();
        var acc = new List<double>();
        var qoe = new List<double>();
        for (int d = 0; d < 4; d++)
            for (int m = 0; m < 6; m++)
            {
                x.Add(Scale(ThesisData.Devices[d], ThesisData.Models[m]));
                logLat.Add(Math.Log(ThesisData.LatencySeconds(d, m)));
                logEnergy.Add(Math.Log(ThesisData.EnergyJoules(d, m)));
                acc.Add(ThesisData.AccuracyPercent[m]);
                qoe.Add(study.Mean(d, m));
            }
        var latModel = new KernelRidge(x, logLat, kernel, alpha, PerformanceGamma);
        var energyModel = new KernelRidge(x, logEnergy, kernel, alpha, PerformanceGamma);
        var accModel = new KernelRidge(x, acc, kernel, alpha, PerformanceGamma);
        var perfScale = new[] { Range(logEnergy), Range(logLat), Range(acc) };
        var qoeInputs = Enumerable.Range(0, 24).Select(i => ScalePerf(perfScale, logEnergy[i], logLat[i], acc[i])).ToList();
        var qoeModel = new KernelRidge(qoeInputs, qoe, kernel, alpha, gamma);

        var rng = SeedStream.Random(seed, $"{_name}/population");
        var models = new List<ModelArm>();
        foreach (int m in new[] { 0, 1, 2, 3, 4 }) models.Add(new ModelArm(ThesisData.ModelNames[m], ThesisData.Models[m]));
        for (int s = 0; s < syntheticModels; s++)
            models.Add(new ModelArm($"S{s + 1:000}", ThesisData.ModelFeatures.Select(f => Round(f.FromUnit(rng.NextDouble()), f)).ToArray(), Synthetic: true));
        _models = [.. models];

        var devices = new List<DeviceProfile>();
        for (int d = 0; d < deviceTypes; d++)
        {
            var f = ThesisData.DeviceFeatures.Select(spec => Round(spec.FromUnit(rng.NextDouble()), spec)).ToArray();
            var expected = new double[_models.Length];
            var latency = new double[_models.Length];
            for (int m = 0; m < _models.Length; m++)
            {
                var input = Scale(f, _models[m].Features);
                double le = energyModel.Predict(input), ll = latModel.Predict(input), a = accModel.Predict(input);
                latency[m] = Math.Exp(ll);
                expected[m] = Math.Clamp(qoeModel.Predict(ScalePerf(perfScale, le, ll, a)), 0, 1);
            }
            var feasible = latency.Select(l => l <= LatencyLimitSeconds).ToArray();
            if (!feasible.Any(v => v)) feasible[Array.IndexOf(latency, latency.Min())] = true;
            devices.Add(new DeviceProfile($"D{d + 1:0000}", f, expected, feasible));
        }
        _devices = [.. devices];
        Validate();
    }

    public RidgeKernel Kernel { get; }
    public override string Name => _name;
    public override bool IsSynthetic => true;
    public override string Description =>
        $"SYNTHETIC: KRR ({Kernel}) performance and QoE generators fitted on the thesis pairs; {_models.Length} models, {_devices.Length} device types, noise N(0, {NoiseSd}^2), QoS latency <= {LatencyLimitSeconds} s";
    public override IReadOnlyList<FeatureSpec> DeviceFeatures => ThesisData.DeviceFeatures;
    public override IReadOnlyList<FeatureSpec> ModelFeatures => ThesisData.ModelFeatures;
    public override IReadOnlyList<ModelArm> Models => _models;
    public override IReadOnlyList<DeviceProfile> Devices => _devices;

    public override double DrawQoe(int device, int model, Random rng) =>
        Math.Clamp(_devices[device].ExpectedQoe[model] + NoiseSd * MathNet.Numerics.Distributions.Normal.Sample(rng, 0, 1), 0, 1);

    private static double[] Scale(double[] device, double[] model) =>
        [.. device.Select((v, i) => ThesisData.DeviceFeatures[i].Normalize(v)), .. model.Select((v, i) => ThesisData.ModelFeatures[i].Normalize(v))];

    private static (double Min, double Max) Range(List<double> v) => (v.Min(), v.Max());

    private static double[] ScalePerf((double Min, double Max)[] s, double logEnergy, double logLatency, double accuracy) =>
        [(logEnergy - s[0].Min) / (s[0].Max - s[0].Min), (logLatency - s[1].Min) / (s[1].Max - s[1].Min), (accuracy - s[2].Min) / (s[2].Max - s[2].Min)];

    /// <summary>Counts (cores, nodes, layers) are whole numbers.</summary>
    private static double Round(double v, FeatureSpec spec) => spec.Name is "cores" or "nodes" or "layers" ? Math.Round(v) : v;
}

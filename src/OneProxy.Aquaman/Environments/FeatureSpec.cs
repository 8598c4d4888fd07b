namespace OneProxy.Aquaman.Environments;

/// <summary>One context feature: its name, unit and the range that min–max scaling maps to [0, 1] (optionally on a log scale).</summary>
public sealed record FeatureSpec(string Name, string Unit, double Min, double Max, bool LogScale = false)
{
    /// <summary>The value scaled to [0, 1] (values outside the range are clipped to it).</summary>
    public double Normalize(double value)
    {
        if (!double.IsFinite(value)) throw new ArgumentException($"feature '{Name}' is {value}; features must be finite numbers");
        if (LogScale && value <= 0) throw new ArgumentException($"feature '{Name}' is {value}; it is scaled logarithmically and must be positive");
        double lo = LogScale ? Math.Log(Min) : Min, hi = LogScale ? Math.Log(Max) : Max, v = LogScale ? Math.Log(value) : value;
        return hi > lo ? Math.Clamp((v - lo) / (hi - lo), 0, 1) : 0.5;
    }

    /// <summary>The inverse of <see cref="Normalize"/> for u in [0, 1] (used to sample synthetic devices and models).</summary>
    public double FromUnit(double u)
    {
        if (!LogScale) return Min + u * (Max - Min);
        return Math.Exp(Math.Log(Min) + u * (Math.Log(Max) - Math.Log(Min)));
    }
}

/// <summary>A candidate DNN (an arm) and its raw features.</summary>
public sealed record ModelArm(string Name, double[] Features, bool Synthetic = false);

/// <summary>A device type: raw features, its expected QoE for every model, and which models pass its QoS filter.</summary>
public sealed record DeviceProfile(string Name, double[] Features, double[] ExpectedQoe, bool[] Feasible);

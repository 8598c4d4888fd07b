namespace OneProxy.Predictors;

/// <summary>FLOPs as a device-agnostic stand-in for latency (the paper's "FLOPs as a proxy" baseline, Section 3.6.1).</summary>
public sealed class FlopsLatencyModel : ILatencyModel
{
    public string Name => "flops";

    public double[] PredictAll(FeatureMatrix architectures) =>
        architectures.Architectures.Select(a => architectures.Space.Cost(a).MFlops).ToArray();
}

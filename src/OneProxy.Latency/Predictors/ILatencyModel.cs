namespace OneProxy.Predictors;

/// <summary>Anything that predicts latency (or a stand-in for it, such as FLOPs) for a whole batch of encoded architectures.</summary>
public interface ILatencyModel
{
    string Name { get; }

    double[] PredictAll(FeatureMatrix architectures);
}

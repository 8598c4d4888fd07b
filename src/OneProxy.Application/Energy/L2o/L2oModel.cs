using OneProxy.Energy.LearnToOptimize;
using OneProxy.SearchSpaces;

namespace OneProxy.Application.L2o;

/// <summary>
/// A trained learning-to-optimize model: the frozen performance networks, the optimizer network,
/// and what is needed to use it on a new device (the signature's reference architectures) and to
/// refuse devices it was trained on.
/// </summary>
public sealed record L2oModel(ISearchSpace Space, L2oDeviceSet Set, IReadOnlyList<string> Metrics, IReadOnlyList<string> DeviceFeatureNames,
    IReadOnlyList<string> References, IReadOnlyList<L2oDevice> TrainingDevices, int SyntheticDevices, L2oMethod Method, RelaxedInput Relaxation,
    double Temperature, int Seed, int MeasurementsPerDevice, PerformanceModels Models, OptimizerNetwork Optimizer, IReadOnlyList<L2oRound> Rounds);

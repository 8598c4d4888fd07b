using OneProxy.Aquaman.Environments;

namespace OneProxy.Aquaman.Service;

/// <summary>A model the service may serve: its name and raw features (same order as the catalog's model feature specs).</summary>
public sealed record CatalogModel(string Name, double[] Features);

/// <summary>
/// What the hosted policy knows up front: the device and model feature specs (names, units, scaling ranges) and the
/// models. Built once by the service (e.g. <see cref="ForThesisModels"/>) and saved inside the policy's state.
/// </summary>
public sealed record ModelCatalog(IReadOnlyList<FeatureSpec> DeviceFeatures, IReadOnlyList<FeatureSpec> ModelFeatures, IReadOnlyList<CatalogModel> Models)
{
    /// <summary>The thesis's phone features and its 6 TFLite models (NASNet-Large included; filter it per request if unwanted).</summary>
    public static ModelCatalog ForThesisModels() => new(ThesisData.DeviceFeatures, ThesisData.ModelFeatures,
        ThesisData.ModelNames.Select((n, i) => new CatalogModel(n, ThesisData.Models[i])).ToArray());

    /// <summary>A catalog with an environment's features and models (simulation and tests).</summary>
    public static ModelCatalog From(QoeEnvironment env) =>
        new(env.DeviceFeatures.ToArray(), env.ModelFeatures.ToArray(), env.Models.Select(m => new CatalogModel(m.Name, m.Features)).ToArray());
}

/// <summary>
/// A request to choose a model for one arriving device. <paramref name="DeviceId"/> is the caller's name for the device
/// (kept with the decision and checked again at feedback); <paramref name="Features"/> are its raw features in the
/// catalog's device-feature order; <paramref name="FeasibleModels"/> are the models that pass the caller's QoS filter
/// (null = every catalog model).
/// </summary>
public sealed record SelectRequest(string DeviceId, double[] Features, IReadOnlyList<string>? FeasibleModels = null);

/// <summary>
/// The decision: which model, the id to send feedback for, and the probability with which the policy chose it
/// (1 for a deterministic UCB choice, 1/k during the uniform start or among k tied arms), plus the network's
/// predicted QoE and confidence width (for logs).
/// </summary>
public sealed record SelectResponse(long DecisionId, string Model, double Propensity, double PredictedQoe, double ConfidenceWidth);

/// <summary>
/// QoE feedback for an earlier decision: <paramref name="Qoe"/> in [0, 1]. <paramref name="Model"/> and
/// <paramref name="DeviceId"/> are optional cross-checks: when given they must match the decision.
/// </summary>
public sealed record FeedbackRequest(long DecisionId, double Qoe, string? Model = null, string? DeviceId = null);

/// <summary>What a feedback did: whether it triggered a retraining, and the counts after it.</summary>
public sealed record FeedbackResponse(bool Retrained, long FeedbackCount, int PendingDecisions);

/// <summary>Bad input to the hosted policy (unknown model or device, unknown or repeated decision, QoE outside [0, 1], NaN features); no state changed.</summary>
public sealed class AquamanInputException(string message) : OneProxyException(message);

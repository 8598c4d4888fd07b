using OneProxy.Aquaman.Service;
using OneProxy.Storage;

namespace OneProxy.Service.Selection;

/// <summary>
/// Hosts the Aquaman bandit (OneProxy.Aquaman's <see cref="AquamanPolicy"/>) with its state in the
/// store: every select and feedback runs on the latest stored version under the store's write
/// lock and saves the new state in the same transaction, so a restart or another replica loses
/// no decision and no feedback. The parsed policy is kept between requests and re-read only
/// when another replica wrote a newer version.
/// </summary>
public sealed class PolicyHost(OnboardingStore store, ModelCatalog catalog, int seed, HostedExploration exploration = HostedExploration.NeuralLinUcbAugmented)
{
    /// <summary>
    /// The store keeps each policy's state under its own name, so switching `serve --selection-policy` starts that
    /// policy fresh and never reads the other's state as its own.
    /// </summary>
    public string Name { get; } = PolicyNames.Of(exploration);

    private readonly object _gate = new();
    private (long Version, AquamanPolicy Policy)? _cached;

    public ModelCatalog Catalog => catalog;

    public async Task<SelectResponse> SelectAsync(SelectRequest request, string contextJson, CancellationToken ct)
    {
        var response = await store.UpdatePolicyAsync(Name, (v, s) => Apply(v, s, p => p.Select(request)), ct);
        await store.AddDecisionAsync(response.DecisionId.ToString(System.Globalization.CultureInfo.InvariantCulture), contextJson, response.Model, ct);
        return response;
    }

    public async Task<FeedbackResponse> FeedbackAsync(FeedbackRequest request, CancellationToken ct)
    {
        var response = await store.UpdatePolicyAsync(Name, (v, s) => Apply(v, s, p => p.Feedback(request)), ct);
        await store.AddFeedbackAsync(request.DecisionId.ToString(System.Globalization.CultureInfo.InvariantCulture), request.Qoe, ct);
        return response;
    }

    private (string, T) Apply<T>(long version, string? state, Func<AquamanPolicy, T> step)
    {
        lock (_gate)
        {
            var policy = _cached is { } c && c.Version == version ? c.Policy
                : state is null ? AquamanPolicy.Create(catalog, seed: seed, exploration: exploration) : AquamanPolicy.FromJson(state);
            if (policy.Exploration != exploration)
                throw new InvalidOperationException($"the stored '{Name}' policy state is a {policy.Exploration} policy, not {exploration}");
            try
            {
                var result = step(policy);
                string json = policy.ToJson();
                _cached = (version + 1, policy);
                return (json, result);
            }
            catch (AquamanInputException)
            {
                _cached = null; // the refused step changed nothing, but re-read to be sure
                throw;
            }
        }
    }
}

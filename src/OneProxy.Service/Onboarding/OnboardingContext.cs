using System.Collections.Concurrent;
using OneProxy.Accuracy;
using OneProxy.Adaptation;
using OneProxy.Data;
using OneProxy.Predictors;
using OneProxy.Search;
using OneProxy.SearchSpaces;

namespace OneProxy.Service.Onboarding;

/// <summary>
/// What onboarding needs per search space, loaded once: the library of characterised devices
/// (latency table columns), the accuracy source, and, built on first use and then shared, each
/// library device's predictor and Pareto front over the whole space, and the whole space encoded
/// once for the exhaustive searches of every device's pipeline.
/// </summary>
public sealed class OnboardingContext
{
    private readonly CharacterisedDevices _characterised;
    private readonly ConcurrentDictionary<string, Lazy<LinearPredictor>> _predictors = new();
    private readonly ConcurrentDictionary<string, Lazy<IReadOnlyList<Candidate>>> _fronts = new();
    private readonly ConcurrentDictionary<string, Lazy<ProxyAdapter>> _adapters = new();
    private readonly Dictionary<Architecture, int> _row;
    private readonly Lazy<FeatureMatrix> _all;
    private readonly Lazy<double[]> _allAccuracy;
    private readonly Dictionary<Architecture, int> _poolIndex;
    private readonly Lazy<EncodedPopulation?> _encodedSpace;

    public OnboardingContext(ISearchSpace space, WideTable latency, IAccuracySource accuracy, IReadOnlyList<string> library)
    {
        if (library.Count < 2) throw new ArgumentException($"the onboarding library needs at least 2 characterised devices, got {library.Count}");
        foreach (var d in library) latency.ColumnIndexOf(d);
        Space = space;
        Latency = latency;
        Accuracy = accuracy;
        Library = library;
        _characterised = new CharacterisedDevices(space, latency);
        var archs = latency.RequireArchitectures();
        _row = new Dictionary<Architecture, int>(archs.Count);
        for (int i = 0; i < archs.Count; i++) _row[archs[i]] = i;
        // The sample pool: architectures with an accuracy (the front needs one) and a latency on every library device (the proxy choice needs one).
        Pool = archs.Where(a => accuracy is not TableAccuracy t || t.Contains(a))
            .Where(a => library.All(d => !double.IsNaN(latency.Column(d)[_row[a]]))).ToArray();
        _poolIndex = new Dictionary<Architecture, int>(Pool.Count);
        for (int i = 0; i < Pool.Count; i++) _poolIndex[Pool[i]] = i;
        _all = new(() => new FeatureMatrix(space, Pool));
        _encodedSpace = new(() => space.Size <= 5_000_000 ? EncodedPopulation.WholeSpace(space, accuracy) : null);
        _allAccuracy = new(() => accuracy.PredictAll(Pool));
    }

    public ISearchSpace Space { get; }
    public WideTable Latency { get; }
    public IAccuracySource Accuracy { get; }
    public IReadOnlyList<string> Library { get; }
    public IReadOnlyList<Architecture> Pool { get; }

    /// <summary>Loads the space's dataset (latency table and accuracy column) from <see cref="DatasetLocator"/> unless paths are given.</summary>
    public static OnboardingContext Load(string spaceName, string? latencyPath, string? accuracyPath, string accuracyColumn, IReadOnlyList<string>? library)
    {
        var space = SearchSpaceRegistry.Get(spaceName);
        var table = WideTableReader.ReadLatency(latencyPath ?? DatasetLocator.File(space.Name, "latency_ms.csv"), space);
        var accTable = WideTableReader.Read(accuracyPath ?? DatasetLocator.File(space.Name, "architectures.csv"), ValueKind.AccuracyPercent, space);
        var acc = new TableAccuracy(accTable, accuracyColumn);
        return new OnboardingContext(space, table, acc, library is { Count: > 0 } ? library : table.ColumnNames);
    }

    /// <summary>The whole space with its features and accuracies, built on first use and shared (null when the space is too large to enumerate).</summary>
    public EncodedPopulation? EncodedSpace => _encodedSpace.Value;

    /// <summary>A pipeline's shuffled order of <see cref="Pool"/>, as indices into the shared pool.</summary>
    public PoolOrder ShuffledPool(Random random) =>
        new(Pool, a => _poolIndex.TryGetValue(a, out int i) ? i : -1, random);

    /// <summary>A library device's latency for an architecture of the pool.</summary>
    public double RecordedMs(string device, Architecture a) => Latency.Column(device)[_row[a]];

    public LinearPredictor Predictor(string device) =>
        _predictors.GetOrAdd(device, d => new Lazy<LinearPredictor>(() => _characterised.Predictor(d))).Value;

    /// <summary>The proxy's predicted Pareto front over the pool (Algorithm 5 reuses it when the target is monotone with the proxy).</summary>
    public IReadOnlyList<Candidate> ProxyFront(string proxy) =>
        _fronts.GetOrAdd(proxy, p => new Lazy<IReadOnlyList<Candidate>>(() =>
            Pareto.Front(_all.Value.Architectures, Predictor(p).PredictAll(_all.Value), _allAccuracy.Value))).Value;

    /// <summary>An adapter for <paramref name="proxy"/> whose library is every other library device.</summary>
    /// <summary>
    /// One adapter per proxy for the process: a <see cref="ProxyAdapter"/> is immutable once built, and building it
    /// (its 2,000-architecture reference set, and the library prior on first use) cost every device's onboarding
    /// again when it was made per device (run P in docs/service.md).
    /// </summary>
    public ProxyAdapter Adapter(string proxy) =>
        _adapters.GetOrAdd(proxy, p => new Lazy<ProxyAdapter>(() => new(Space, Predictor(p), Library.Where(d => d != p).Select(Predictor).ToArray()))).Value;
}

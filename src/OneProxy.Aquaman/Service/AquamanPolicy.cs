using System.Text.Json;
using OneProxy.Aquaman.Policies;

namespace OneProxy.Aquaman.Service;

/// <summary>
/// Aquaman as a hostable object (the onboarding service's <c>select</c> and <c>feedback</c> endpoints): thread-safe,
/// validates every request before touching state (bad input throws <see cref="AquamanInputException"/> and changes
/// nothing), and saves to / restores from JSON without losing anything (network, Adam, Z, history, pending decisions,
/// random state). Decisions whose feedback never comes are allowed; beyond <see cref="MaxPending"/> open decisions the
/// oldest is dropped as missing.
/// </summary>
public sealed class AquamanPolicy
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };
    private readonly object _gate = new();
    private readonly NeuralBanditCore _core;
    private readonly Dictionary<long, PendingDecision> _pending = new();
    private readonly Queue<long> _order = new();
    private readonly Dictionary<string, int> _modelIndex;
    private readonly double[][] _contexts;
    private long _nextId;
    // aquaman-nlaug only: the per-model ridge head, its merged feedback rows (insertion order = rebuild order) and φ.
    private readonly PerModelRidge? _ridge;
    private readonly Dictionary<string, RidgeRow> _ridgeRows = new(StringComparer.Ordinal);
    private readonly double[] _phi = [];

    /// <summary>aquaman-nlaug's settings, the ones its simulation was tuned and reported with (docs/aquaman.md, session 9).</summary>
    public const double NeuralLinUcbAlpha = 0.05;
    public const int NeuralLinUcbUniformDecisions = 150;

    private AquamanPolicy(ModelCatalog catalog, NeuralBanditOptions options, ulong seed, int maxPending, HostedExploration exploration = HostedExploration.Thesis)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        if (catalog.Models.Count < 1) throw new ArgumentException("the catalog has no model");
        if (maxPending < 1) throw new ArgumentException($"max pending must be >= 1, got {maxPending}");
        _modelIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int m = 0; m < catalog.Models.Count; m++)
        {
            var model = catalog.Models[m];
            if (model.Features.Length != catalog.ModelFeatures.Count) throw new ArgumentException($"model {model.Name} has {model.Features.Length} features, the catalog {catalog.ModelFeatures.Count}");
            int bad = Array.FindIndex(model.Features, v => !double.IsFinite(v));
            if (bad >= 0) throw new ArgumentException($"model {model.Name}: feature {catalog.ModelFeatures[bad].Name} is {model.Features[bad]}, not a finite number");
            if (!_modelIndex.TryAdd(model.Name, m)) throw new ArgumentException($"model {model.Name} appears twice in the catalog");
        }
        Catalog = catalog;
        MaxPending = maxPending;
        Exploration = exploration;
        int contextSize = catalog.DeviceFeatures.Count + catalog.ModelFeatures.Count;
        if (exploration == HostedExploration.NeuralLinUcbAugmented)
        {
            // As in simulation: the core only predicts and supplies φ (ε-greedy with ε = 0 keeps no Z matrix).
            _core = new NeuralBanditCore(contextSize, options with { Exploration = NeuralExploration.EpsilonGreedy, Epsilon = 0 }, seed);
            int p = _core.Options.HiddenWidth + catalog.DeviceFeatures.Count + 1;
            _ridge = new PerModelRidge(catalog.Models.Count, p, _core.Options.Lambda);
            _phi = new double[p];
        }
        else _core = new NeuralBanditCore(contextSize, options, seed);
        _contexts = new double[catalog.Models.Count][];
    }

    /// <summary>A fresh policy (θ = θ0, empty history) over <paramref name="catalog"/>.</summary>
    public static AquamanPolicy Create(ModelCatalog catalog, NeuralBanditOptions? options = null, int seed = 0, int maxPending = 100_000,
        HostedExploration exploration = HostedExploration.Thesis) =>
        new(catalog, options ?? new NeuralBanditOptions(), (ulong)SeedStream.Derive(seed, "service-policy"), maxPending, exploration);

    public ModelCatalog Catalog { get; }
    public HostedExploration Exploration { get; }
    public int MaxPending { get; }
    public NeuralBanditOptions Options => _core.Options;
    public long DecisionCount { get { lock (_gate) return _nextId; } }
    public long FeedbackCount { get { lock (_gate) return _core.History.Feedbacks; } }
    public int PendingCount { get { lock (_gate) return _pending.Count; } }
    public int TrainingRounds { get { lock (_gate) return _core.TrainingLosses.Count; } }

    public SelectResponse Select(SelectRequest request)
    {
        if (request is null) throw new AquamanInputException("select: no request");
        if (string.IsNullOrWhiteSpace(request.DeviceId)) throw new AquamanInputException("select: device id is empty");
        var device = ScaleDevice(request.Features);
        var candidates = Candidates(request.FeasibleModels);
        lock (_gate)
        {
            for (int j = 0; j < candidates.Length; j++)
            {
                int m = candidates[j];
                var x = _contexts[m] ??= new double[_core.ContextSize];
                device.CopyTo(x, 0);
                for (int f = 0; f < Catalog.ModelFeatures.Count; f++) x[device.Length + f] = Catalog.ModelFeatures[f].Normalize(Catalog.Models[m].Features[f]);
            }
            var choice = _ridge is null ? _core.Choose(_contexts, candidates) : ChooseByRidge(candidates);
            long id = _nextId++;
            _pending[id] = new PendingDecision(id, request.DeviceId, Catalog.Models[choice.Arm].Name, (double[])_contexts[choice.Arm].Clone());
            _order.Enqueue(id);
            while (_pending.Count > MaxPending) _pending.Remove(_order.Dequeue()); // oldest open decision: its feedback is treated as missing
            return new SelectResponse(id, Catalog.Models[choice.Arm].Name, choice.Propensity, choice.Predicted, choice.Width);
        }
    }

    public FeedbackResponse Feedback(FeedbackRequest request)
    {
        if (request is null) throw new AquamanInputException("feedback: no request");
        if (!double.IsFinite(request.Qoe) || request.Qoe < 0 || request.Qoe > 1)
            throw new AquamanInputException($"feedback for decision {request.DecisionId}: QoE {request.Qoe} is outside [0, 1]");
        if (request.Model is not null && !_modelIndex.ContainsKey(request.Model))
            throw new AquamanInputException($"feedback for decision {request.DecisionId}: unknown model '{request.Model}'");
        lock (_gate)
        {
            if (request.DecisionId < 0 || request.DecisionId >= _nextId)
                throw new AquamanInputException($"feedback: decision {request.DecisionId} was never made (decisions so far: 0..{_nextId - 1})");
            if (!_pending.TryGetValue(request.DecisionId, out var decision))
                throw new AquamanInputException($"feedback: decision {request.DecisionId} already has its feedback (or was dropped as missing after {MaxPending} newer open decisions)");
            if (request.Model is not null && request.Model != decision.Model)
                throw new AquamanInputException($"feedback for decision {request.DecisionId}: model '{request.Model}' but the decision served '{decision.Model}'");
            if (request.DeviceId is not null && request.DeviceId != decision.DeviceId)
                throw new AquamanInputException($"feedback for decision {request.DecisionId}: device '{request.DeviceId}' but the decision was for '{decision.DeviceId}'");
            _pending.Remove(request.DecisionId);
            bool retrained = _core.AddFeedback(decision.Context, request.Qoe);
            if (_ridge is not null) AddRidgeFeedback(_modelIndex[decision.Model], decision.Context, request.Qoe, retrained);
            if (_order.Count > 4 * Math.Max(_pending.Count, 1024)) Compact();
            return new FeedbackResponse(retrained, _core.History.Feedbacks, _pending.Count);
        }
    }

    /// <summary>The whole state as JSON; <see cref="FromJson"/> continues from it exactly.</summary>
    public string ToJson()
    {
        lock (_gate)
        {
            _core.MaterializeZ(); // the saved Z is the dense one; both copies hold it there until the next retraining
            var state = new AquamanPolicyState
            {
                Catalog = Catalog, Options = _core.Options, MaxPending = MaxPending, NextDecisionId = _nextId,
                Parameters = AquamanPolicyState.Bytes(_core.Network.Parameters), InitialParameters = AquamanPolicyState.Bytes(_core.InitialParameters),
                Adam = _core.Optimizer.ExportState(), Z = AquamanPolicyState.Bytes(_core.Z.Values), ZUpdates = _core.Z.Updates,
                History = _core.History.Rows().Select(r => new HistoryRow(r.Context, r.Sum, r.Count)).ToArray(),
                Pending = _order.Where(_pending.ContainsKey).Select(id => _pending[id]).ToArray(),
                SinceRetrain = _core.SinceRetrain, TrainingLosses = _core.TrainingLosses.ToArray(), RandomState = _core.Random.State,
                Exploration = Exploration,
                RidgeRows = _ridge is null ? null : _ridgeRows.Values.ToArray(),
                Ridge = _ridge is null ? null : AquamanPolicyState.Bytes(_ridge.Export()),
            };
            return JsonSerializer.Serialize(state, Json);
        }
    }

    public static AquamanPolicy FromJson(string json)
    {
        var state = JsonSerializer.Deserialize<AquamanPolicyState>(json, Json) ?? throw new ArgumentException("policy state: empty JSON");
        if (state.Version is < 1 or > AquamanPolicyState.CurrentVersion) throw new ArgumentException($"policy state version {state.Version}, this build reads 1..{AquamanPolicyState.CurrentVersion}");
        var policy = new AquamanPolicy(state.Catalog, state.Options, 0, state.MaxPending, state.Exploration);
        var core = policy._core;
        var parameters = AquamanPolicyState.Doubles(state.Parameters, "parameters");
        var initial = AquamanPolicyState.Doubles(state.InitialParameters, "initial parameters");
        if (parameters.Length != core.Network.ParameterCount || initial.Length != core.Network.ParameterCount)
            throw new ArgumentException($"policy state: {parameters.Length} parameters, the network has {core.Network.ParameterCount}");
        parameters.CopyTo(core.Network.Parameters, 0);
        initial.CopyTo(core.InitialParameters, 0);
        core.Optimizer = OneProxy.Learning.Adam.FromState(state.Adam);
        core.Z.Restore(AquamanPolicyState.Doubles(state.Z, "Z"), state.ZUpdates);
        foreach (var row in state.History) core.History.Restore(row.Context, row.QoeSum, row.Count);
        core.SinceRetrain = state.SinceRetrain;
        core.RestoreLosses(state.TrainingLosses);
        core.Random.State = state.RandomState;
        policy._nextId = state.NextDecisionId;
        if (policy._ridge is not null)
        {
            if (state.Ridge is null || state.RidgeRows is null) throw new ArgumentException("policy state: an aquaman-nlaug state without its ridge head");
            policy._ridge.Import(AquamanPolicyState.Doubles(state.Ridge, "ridge"));
            foreach (var row in state.RidgeRows)
            {
                if (row.Model < 0 || row.Model >= policy.Catalog.Models.Count || row.Context.Length != core.ContextSize)
                    throw new ArgumentException($"policy state: ridge row for model {row.Model} is inconsistent");
                policy._ridgeRows[RidgeKey(row.Model, row.Context)] = row;
            }
        }
        foreach (var p in state.Pending)
        {
            if (p.Id < 0 || p.Id >= state.NextDecisionId || !policy._modelIndex.ContainsKey(p.Model) || p.Context.Length != core.ContextSize)
                throw new ArgumentException($"policy state: pending decision {p.Id} is inconsistent");
            policy._pending[p.Id] = p;
            policy._order.Enqueue(p.Id);
        }
        return policy;
    }

    /// <summary>aquaman-nlaug's choice: uniform for the first decisions (and until a feedback has arrived), then the best ridge UCB.</summary>
    private ArmChoice ChooseByRidge(int[] candidates)
    {
        int k = candidates.Length;
        if (_nextId < NeuralLinUcbUniformDecisions || _core.History.Feedbacks == 0)
            return new ArmChoice(candidates[_core.Random.NextInt(k)], 1.0 / k, 0, 0);
        int best = -1, ties = 0;
        double bestScore = double.NegativeInfinity, bestMean = 0, bestWidth = 0;
        foreach (int a in candidates)
        {
            Phi(_contexts[a]);
            var (mean, width) = _ridge!.Score(a, _phi);
            double score = mean + NeuralLinUcbAlpha * width;
            if (score > bestScore) { best = a; bestScore = score; ties = 1; bestMean = mean; bestWidth = width; }
            else if (score == bestScore && _core.Random.NextInt(++ties) == 0) { best = a; bestMean = mean; bestWidth = width; }
        }
        return new ArmChoice(best, 1.0 / ties, bestMean, bestWidth);
    }

    /// <summary>Merges the feedback into its (model, context) row; after a retraining φ moved, so every model's ridge is rebuilt.</summary>
    private void AddRidgeFeedback(int model, double[] context, double qoe, bool retrained)
    {
        string key = RidgeKey(model, context);
        _ridgeRows[key] = _ridgeRows.TryGetValue(key, out var row) ? row with { Count = row.Count + 1, QoeSum = row.QoeSum + qoe } : new RidgeRow(model, context, 1, qoe);
        if (!retrained)
        {
            Phi(context);
            _ridge!.Add(model, _phi, 1, qoe);
            return;
        }
        _ridge!.Reset();
        foreach (var r in _ridgeRows.Values)
        {
            Phi(r.Context);
            _ridge.Add(r.Model, _phi, r.Count, r.QoeSum);
        }
    }

    /// <summary>[φ(x), the context's scaled device features, 1] into _phi.</summary>
    private void Phi(double[] context)
    {
        int m = _core.Options.HiddenWidth, devices = Catalog.DeviceFeatures.Count;
        _core.LastHidden(context, _phi.AsSpan(0, m));
        context.AsSpan(0, devices).CopyTo(_phi.AsSpan(m));
        _phi[^1] = 1.0;
    }

    private static string RidgeKey(int model, double[] context) =>
        $"{model}:{Convert.ToBase64String(System.Runtime.InteropServices.MemoryMarshal.AsBytes(context.AsSpan()))}";

    private double[] ScaleDevice(double[]? features)
    {
        if (features is null || features.Length != Catalog.DeviceFeatures.Count)
            throw new AquamanInputException($"select: {features?.Length ?? 0} device features, expected {Catalog.DeviceFeatures.Count} ({string.Join(", ", Catalog.DeviceFeatures.Select(f => f.Name))})");
        var x = new double[features.Length];
        for (int i = 0; i < x.Length; i++)
        {
            try { x[i] = Catalog.DeviceFeatures[i].Normalize(features[i]); }
            catch (ArgumentException e) { throw new AquamanInputException($"select: {e.Message}"); }
        }
        return x;
    }

    private int[] Candidates(IReadOnlyList<string>? feasible)
    {
        if (feasible is null) return Enumerable.Range(0, Catalog.Models.Count).ToArray();
        if (feasible.Count == 0) throw new AquamanInputException("select: the feasible-model list is empty (every model failed the QoS filter?)");
        var result = new int[feasible.Count];
        for (int j = 0; j < feasible.Count; j++)
        {
            if (!_modelIndex.TryGetValue(feasible[j] ?? "", out result[j])) throw new AquamanInputException($"select: unknown model '{feasible[j]}'");
            if (Array.IndexOf(result, result[j], 0, j) >= 0) throw new AquamanInputException($"select: model '{feasible[j]}' listed twice");
        }
        return result;
    }

    /// <summary>Drops ids of answered decisions from the eviction queue so it stays proportional to the open ones.</summary>
    private void Compact()
    {
        var open = _order.Where(_pending.ContainsKey).ToArray();
        _order.Clear();
        foreach (var id in open) _order.Enqueue(id);
    }
}

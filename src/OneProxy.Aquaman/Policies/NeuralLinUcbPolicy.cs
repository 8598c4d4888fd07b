using OneProxy.Aquaman.Environments;

namespace OneProxy.Aquaman.Policies;

/// <summary>Where <see cref="NeuralLinUcbPolicy"/> takes its mean QoE from.</summary>
public enum NeuralLinUcbMean
{
    /// <summary>The network's f.</summary>
    Network,

    /// <summary>The per-model ridge fit θ_a = A_a⁻¹ b_a on φ.</summary>
    Ridge,

    /// <summary>f plus a per-model ridge fit of the residual QoE − f on φ.</summary>
    NetworkPlusResidual,
}

/// <summary>
/// A departure from the thesis's Alg. 3-4 (kept as an alternative, not the default policy): Neural-LinUCB in the sense
/// of Xu et al. ("Neural contextual bandits with deep representation and shallow exploration", 2020). The network is
/// the thesis's (Eq. 2.3, 2.7, same retrainings and uniform start); exploration is a disjoint LinUCB per model on the
/// network's last hidden layer φ(x) plus a constant: A_a = λI + Σ n φφᵀ over the feedback of model a, bonus
/// α √(φᵀ A_a⁻¹ φ). Why: the bonus of Eq. 2.9 pools all models in one 848-parameter Z, so a model chosen rarely for
/// one kind of device still looks well known; a per-model matrix on 17 features cannot make that mistake (it is what
/// makes the disjoint LinUCB baseline strong on the synthetic RBF world). The mean can also be the
/// per-model ridge fit θ_a = A_a⁻¹ b_a on φ (a learned-feature LinUCB); see <see cref="NeuralLinUcbMean"/>.
/// φ changes with every retraining, so each A_a⁻¹ and b_a is rebuilt then over all feedback (per (device, model)
/// pair: count and QoE sum) and updated by Sherman–Morrison between retrainings.
/// With a raw-feature scale s &gt; 0 (issue 15, session 9: <c>aquaman-nlaug</c>) the per-model features are
/// [φ, s·x_dev, 1]: the scaled device features are appended, so each model's ridge contains the disjoint LinUCB's
/// hypothesis class (exactly, as φ's weights go to 0) as well as the learned one. The model features are not appended:
/// within one model's ridge they are constant and would only duplicate the intercept. s sets the ridge penalty of the
/// raw block relative to φ's (λ/s² per raw weight, λ per φ weight).
/// </summary>
public sealed class NeuralLinUcbPolicy : ISimulationPolicy
{
    private readonly NeuralBanditCore _core;
    private readonly double[][][] _contexts;
    private readonly int _arms;
    private readonly int _p;
    private readonly int _m;
    private readonly double[][] _raw; // per device: s · scaled device features (empty when s = 0)
    private readonly double _alpha;
    private readonly NeuralLinUcbMean _mean;
    private readonly PerModelRidge _ridge;
    private readonly Dictionary<int, (double Count, double Sum)> _pairs = new();
    private readonly double[] _phi;
    private readonly SplitMix64 _rng;
    private readonly int _uniformDecisions;
    private int _retrainings;

    public NeuralLinUcbPolicy(string name, QoeEnvironment env, NeuralBanditOptions options, double alpha, NeuralLinUcbMean mean, ulong seed, double rawScale = 0, int uniformDecisions = 0)
    {
        ArgumentNullException.ThrowIfNull(env);
        ArgumentNullException.ThrowIfNull(options);
        if (!(alpha >= 0) || !double.IsFinite(alpha)) throw new ArgumentOutOfRangeException(nameof(alpha), $"alpha must be finite and >= 0, got {alpha}");
        if (!(rawScale >= 0) || !double.IsFinite(rawScale)) throw new ArgumentOutOfRangeException(nameof(rawScale), $"raw-feature scale must be finite and >= 0, got {rawScale}");
        if (uniformDecisions < 0) throw new ArgumentOutOfRangeException(nameof(uniformDecisions), $"uniform decisions must be >= 0, got {uniformDecisions}");
        Name = name;
        _uniformDecisions = uniformDecisions;
        _rng = new SplitMix64(seed);
        // the core only predicts and supplies φ: ε-greedy with ε = 0 keeps no Z matrix
        _core = new NeuralBanditCore(env.ContextSize, options with { Exploration = NeuralExploration.EpsilonGreedy, Epsilon = 0 }, _rng.NextUInt64());
        _contexts = env.Contexts;
        _arms = env.Models.Count;
        _m = _core.Options.HiddenWidth;
        int deviceFeatures = env.DeviceFeatures.Count;
        _raw = rawScale > 0
            ? env.Contexts.Select(perModel => perModel[0].Take(deviceFeatures).Select(v => rawScale * v).ToArray()).ToArray()
            : env.Contexts.Select(_ => Array.Empty<double>()).ToArray();
        _p = _m + (rawScale > 0 ? deviceFeatures : 0) + 1;
        _alpha = alpha;
        _mean = mean;
        _ridge = new PerModelRidge(_arms, _p, _core.Options.Lambda);
        _phi = new double[_p];
    }

    public string Name { get; }
    public NeuralBanditCore Core => _core;
    public IReadOnlyList<double> TrainingLosses => _core.TrainingLosses;

    /// <summary>Rebuilds of every A_a⁻¹, b_a after a retraining, their total and their longest time (Stopwatch ticks).</summary>
    public int Rebuilds { get; private set; }
    public long RebuildTicks { get; private set; }
    public long MaxRebuildTicks { get; private set; }

    public void Feedback(int round, int decisionRound, int device, int arm, double qoe)
    {
        int key = device * _arms + arm;
        var (n, s) = _pairs.GetValueOrDefault(key);
        _pairs[key] = (n + 1, s + qoe);
        _core.AddFeedback(_contexts[device][arm], qoe);
        if (_core.Profile.Retrainings != _retrainings) { Rebuild(); return; } // the rebuild already holds this feedback
        double f = Phi(device, arm);
        _ridge.Add(arm, _phi, 1, _mean == NeuralLinUcbMean.NetworkPlusResidual ? qoe - f : qoe);
    }

    public ArmChoice Choose(int round, int device, int[] feasible)
    {
        int k = feasible.Length;
        if (k == 0) throw new ArgumentException("no candidate arm (every model was filtered out)");
        var o = _core.Options;
        // uniform start: until UniformFeedbacks feedbacks have arrived, or, when uniformDecisions > 0, for the first
        // uniformDecisions rounds and then until the first feedback (Alg. 3). Counting decisions, not arrivals, makes the
        // start collect the same data whatever the delays: 20 arrivals take ~60 rounds at delays <= 100, ~140 at <= 500.
        bool uniform = _uniformDecisions > 0
            ? round < _uniformDecisions || _core.History.Feedbacks == 0
            : o.UniformUntilFirstFeedback && _core.History.Feedbacks < o.UniformFeedbacks;
        if (uniform)
            return new ArmChoice(feasible[_rng.NextInt(k)], 1.0 / k, 0, 0);
        int best = -1, ties = 0;
        double bestScore = double.NegativeInfinity, bestMean = 0, bestWidth = 0;
        foreach (int a in feasible)
        {
            double f = Phi(device, a);
            var (ridge, width) = _ridge.Score(a, _phi);
            double mean = _mean switch { NeuralLinUcbMean.Ridge => ridge, NeuralLinUcbMean.NetworkPlusResidual => f + ridge, _ => f }, score = mean + _alpha * width;
            if (score > bestScore) { best = a; bestScore = score; ties = 1; bestMean = mean; bestWidth = width; }
            else if (score == bestScore && _rng.NextInt(++ties) == 0) { best = a; bestMean = mean; bestWidth = width; }
        }
        return new ArmChoice(best, 1.0 / ties, bestMean, bestWidth);
    }

    /// <summary>Features of each model's ridge (φ, then s·x_dev when augmented, then 1).</summary>
    public int FeatureCount => _p;

    /// <summary>φ of (device, arm), the scaled device features when augmented and the constant, into _phi; returns f.</summary>
    private double Phi(int device, int arm)
    {
        double f = _core.LastHidden(_contexts[device][arm], _phi.AsSpan(0, _m));
        _raw[device].CopyTo(_phi, _m);
        _phi[_p - 1] = 1.0;
        return f;
    }

    /// <summary>After a retraining: every A_a⁻¹, b_a from scratch with the new φ over all (device, model) pairs.</summary>
    private void Rebuild()
    {
        long start = System.Diagnostics.Stopwatch.GetTimestamp();
        RebuildAll();
        long ticks = System.Diagnostics.Stopwatch.GetTimestamp() - start;
        Rebuilds++;
        RebuildTicks += ticks;
        MaxRebuildTicks = Math.Max(MaxRebuildTicks, ticks);
    }

    private void RebuildAll()
    {
        _retrainings = _core.Profile.Retrainings;
        _ridge.Reset();
        foreach (var (key, (n, s)) in _pairs)
        {
            int device = key / _arms, arm = key % _arms;
            double f = Phi(device, arm);
            _ridge.Add(arm, _phi, n, _mean == NeuralLinUcbMean.NetworkPlusResidual ? s - n * f : s);
        }
    }
}

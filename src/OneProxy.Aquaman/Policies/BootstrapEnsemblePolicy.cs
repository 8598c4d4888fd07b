using OneProxy.Aquaman.Environments;

namespace OneProxy.Aquaman.Policies;

/// <summary>How a bootstrapped ensemble turns its members' predictions into a choice.</summary>
public enum EnsembleChoice
{
    /// <summary>Thompson-style: each round one member drawn uniformly at random chooses greedily (Osband et al. 2016).</summary>
    Thompson,

    /// <summary>Mean over members plus β times their standard deviation (ensemble UCB).</summary>
    Ucb,
}

/// <summary>
/// A departure from the thesis's Alg. 3-4 (kept as an alternative, not the default policy): exploration from a small
/// bootstrapped ensemble instead of the gradient-feature bonus γ‖g/√m‖_{Z⁻¹}. Why: on the synthetic RBF world that bonus
/// does not track the retrained network's real error on rarely chosen (device, model) pairs (docs/aquaman.md); the
/// spread of networks fitted to resampled feedback does, because it is the error (Osband et al., "Deep exploration via
/// bootstrapped DQN", 2016). Each member is the thesis's network and schedule (Eq. 2.3, 2.7, same retrainings and
/// uniform start) with its own θ0, and takes every arriving feedback with a Poisson(1) weight (the online bootstrap of
/// Oza and Russell), so members differ where data is thin and agree where it is plentiful. No Z matrix is kept.
/// </summary>
public sealed class BootstrapEnsemblePolicy : ISimulationPolicy
{
    /// <summary>Poisson(1) counts above this are cut (probability below 1e-16): the sampler's loop is bounded.</summary>
    private const int MaxPoissonCount = 20;

    private readonly NeuralBanditCore[] _members;
    private readonly double[][][] _contexts;
    private readonly SplitMix64 _rng;
    private readonly EnsembleChoice _choice;
    private readonly double _beta;
    private readonly NeuralBanditOptions _options;
    private double[,] _predicted = new double[1, 1];
    private int[] _best = [];

    public BootstrapEnsemblePolicy(string name, QoeEnvironment env, NeuralBanditOptions options, int members, EnsembleChoice choice, double beta, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(env);
        ArgumentNullException.ThrowIfNull(options);
        if (members < 2 || members > 64) throw new ArgumentOutOfRangeException(nameof(members), $"an ensemble needs 2..64 members, got {members}");
        if (!(beta >= 0) || !double.IsFinite(beta)) throw new ArgumentOutOfRangeException(nameof(beta), $"beta must be finite and >= 0, got {beta}");
        Name = name;
        _options = options.Validated();
        _contexts = env.Contexts;
        _rng = new SplitMix64(seed);
        _choice = choice;
        _beta = beta;
        // members only predict: ε-greedy with ε = 0 keeps no Z matrix (the bonus is the ensemble's spread)
        var memberOptions = _options with { Exploration = NeuralExploration.EpsilonGreedy, Epsilon = 0 };
        _members = new NeuralBanditCore[members];
        for (int i = 0; i < members; i++) _members[i] = new NeuralBanditCore(env.ContextSize, memberOptions, _rng.NextUInt64());
    }

    public string Name { get; }
    public IReadOnlyList<NeuralBanditCore> Members => _members;

    /// <summary>The first member's losses (every member trains on the same schedule).</summary>
    public IReadOnlyList<double> TrainingLosses => _members[0].TrainingLosses;

    public void Feedback(int round, int decisionRound, int device, int arm, double qoe)
    {
        foreach (var member in _members) member.AddFeedback(_contexts[device][arm], qoe, PoissonOne());
    }

    public ArmChoice Choose(int round, int device, int[] feasible)
    {
        int k = feasible.Length, n = _members.Length;
        if (k == 0) throw new ArgumentException("no candidate arm (every model was filtered out)");
        if (_options.UniformUntilFirstFeedback && _members[0].History.Feedbacks < _options.UniformFeedbacks)
            return new ArmChoice(feasible[_rng.NextInt(k)], 1.0 / k, 0, 0);
        if (_predicted.GetLength(0) < n || _predicted.GetLength(1) < k) _predicted = new double[n, Math.Max(k, 16)];
        if (_best.Length < n) _best = new int[n];
        var contexts = _contexts[device];
        for (int i = 0; i < n; i++)
        {
            int best = 0;
            for (int j = 0; j < k; j++)
            {
                _predicted[i, j] = _members[i].Evaluate(contexts[feasible[j]], withWidth: false).Predicted;
                if (_predicted[i, j] > _predicted[i, best]) best = j;
            }
            _best[i] = best;
        }
        return _choice == EnsembleChoice.Thompson ? Thompson(feasible, n) : Ucb(feasible, n, k);
    }

    /// <summary>One member drawn uniformly chooses; the propensity is the share of members whose greedy arm it is.</summary>
    private ArmChoice Thompson(int[] feasible, int n)
    {
        int pick = _best[_rng.NextInt(n)], agree = 0;
        for (int i = 0; i < n; i++) if (_best[i] == pick) agree++;
        var (mean, sd) = Moments(pick, n);
        return new ArmChoice(feasible[pick], (double)agree / n, mean, sd);
    }

    private ArmChoice Ucb(int[] feasible, int n, int k)
    {
        int best = 0;
        double bestScore = double.NegativeInfinity, bestMean = 0, bestSd = 0;
        for (int j = 0; j < k; j++)
        {
            var (mean, sd) = Moments(j, n);
            double score = mean + _beta * sd;
            if (score > bestScore) { best = j; bestScore = score; bestMean = mean; bestSd = sd; }
        }
        return new ArmChoice(feasible[best], 1, bestMean, bestSd);
    }

    /// <summary>Mean and sample standard deviation of the members' predictions for candidate j.</summary>
    private (double Mean, double Sd) Moments(int j, int n)
    {
        double sum = 0, sq = 0;
        for (int i = 0; i < n; i++) sum += _predicted[i, j];
        double mean = sum / n;
        for (int i = 0; i < n; i++) { double d = _predicted[i, j] - mean; sq += d * d; }
        return (mean, Math.Sqrt(sq / (n - 1)));
    }

    /// <summary>A Poisson(1) draw by Knuth's product of uniforms, cut at <see cref="MaxPoissonCount"/>.</summary>
    private double PoissonOne()
    {
        double limit = Math.Exp(-1), product = _rng.NextDouble();
        int count = 0;
        while (product > limit && count < MaxPoissonCount) { count++; product *= _rng.NextDouble(); }
        return count;
    }
}

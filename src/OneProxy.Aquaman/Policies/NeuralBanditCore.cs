using OneProxy.Learning;

namespace OneProxy.Aquaman.Policies;

/// <summary>One scored candidate: predicted QoE f, confidence width ‖g/√m‖_{Z⁻¹} and the UCB score f + γ·width.</summary>
public readonly record struct ArmScore(int Arm, double Predicted, double Width, double Score);

/// <summary>A choice with the probability the policy gave it (for offline evaluation).</summary>
public readonly record struct ArmChoice(int Arm, double Propensity, double Predicted, double Width);

/// <summary>
/// The learning part of Aquaman (thesis Algorithms 3 and 4): the QoE network
/// f(x; θ) = √m · W_L σ(… σ(W_1 [x, x])) (Eq. 2.7, no biases, symmetric start so f(·; θ0) = 0), trained by Adam on
/// L(θ) = ½ Σ (f − y)² + ½ λ ‖θ − θ0‖² (Eq. 2.3) for <see cref="NeuralBanditOptions.Epochs"/> full-batch steps every
/// <see cref="NeuralBanditOptions.RetrainEvery"/> feedbacks (warm start from the current θ), and the UCB
/// f + γ ‖g/√m‖_{Z⁻¹} with Z = λI + Σ g gᵀ / m over received feedback (Eq. 2.9). Z is updated at each feedback's
/// arrival with the gradient at the θ current then (after any retraining that arrival triggers, as in Alg. 3).
/// Contexts are feature vectors already scaled to [0, 1]. Not thread-safe.
/// </summary>
public sealed class NeuralBanditCore
{
    private readonly NetworkWorkspace _ws;
    private readonly double[] _input;
    private readonly double[] _row;
    private readonly double[] _output = new double[1];
    private readonly double[] _gradient;
    private readonly double[] _one = [1.0];
    private readonly List<double> _losses = new();
    private ArmScore[] _scores = new ArmScore[16];
    private double[][] _features = [];
    private double[] _widths = [];
    private double[] _predicted = [];

    public NeuralBanditCore(int contextSize, NeuralBanditOptions options, ulong seed)
    {
        Options = (options ?? throw new ArgumentNullException(nameof(options))).Validated();
        if (contextSize < 1) throw new ArgumentOutOfRangeException(nameof(contextSize), $"context size must be >= 1, got {contextSize}");
        ContextSize = contextSize;
        InputWidth = contextSize + (Options.ConstantInput ? 1 : 0);
        int m = Options.HiddenWidth;
        var sizes = new List<int> { 2 * InputWidth };
        for (int l = 0; l < Options.HiddenLayers; l++) sizes.Add(m);
        sizes.Add(1);
        Network = new DenseNetwork(sizes, Activation.Relu, useBias: false, outputScale: Math.Sqrt(m));
        Random = new SplitMix64(seed);
        Network.Initialize(WeightInit.NeuralUcbSymmetric, new Random((int)(Random.NextUInt64() & 0x7FFFFFFF)));
        InitialParameters = (double[])Network.Parameters.Clone();
        Optimizer = new Adam(Network.ParameterCount, Options.LearningRate);
        Z = new ExplorationMatrix(Options.ZForm, Network.ParameterCount, Options.Lambda);
        History = new ContextHistory(InputWidth);
        _ws = Network.CreateWorkspace(1);
        _input = new double[2 * InputWidth];
        _row = new double[InputWidth];
        _gradient = new double[Network.ParameterCount];
    }

    public NeuralBanditOptions Options { get; }
    public int ContextSize { get; }

    /// <summary>Features per network half: the context plus the constant 1 when <see cref="NeuralBanditOptions.ConstantInput"/>.
    /// <see cref="History"/> holds contexts of this width.</summary>
    public int InputWidth { get; }
    public DenseNetwork Network { get; }
    public double[] InitialParameters { get; }
    public Adam Optimizer { get; internal set; }
    public ExplorationMatrix Z { get; }

    /// <summary>
    /// With <see cref="NeuralBanditOptions.RefreshZ"/> and at most <see cref="NeuralBanditOptions.ZRefreshMaxContexts"/>
    /// distinct contexts, Z is held through its contexts (same bonus, cheaper; see <see cref="ContextKernelBonus"/>) and
    /// <see cref="Z"/> is not kept up to date; null otherwise.
    /// </summary>
    public ContextKernelBonus? KernelZ { get; private set; }
    public ContextHistory History { get; }
    public SplitMix64 Random { get; }

    /// <summary>Time spent per phase (not saved with the state).</summary>
    public NeuralBanditProfile Profile { get; } = new();

    /// <summary>Feedbacks received since the last retraining.</summary>
    public int SinceRetrain { get; internal set; }

    /// <summary>Last-epoch training loss (mean squared error per feedback) of every retraining so far.</summary>
    public IReadOnlyList<double> TrainingLosses => _losses;

    internal void RestoreLosses(IEnumerable<double> losses) { _losses.Clear(); _losses.AddRange(losses); }

    /// <summary>f(x; θ) and, when <paramref name="withWidth"/>, ‖g/√m‖_{Z⁻¹}.</summary>
    public (double Predicted, double Width) Evaluate(ReadOnlySpan<double> context, bool withWidth)
    {
        Load(context);
        Network.Forward(_input, 1, _ws, _output);
        if (!withWidth) return (_output[0], 0);
        GradientFeature();
        return (_output[0], KernelZ is { } kernel ? kernel.Norm(_gradient) : Z.Norm(_gradient));
    }

    /// <summary>
    /// f(x; θ) and the last hidden layer's activations φ(x) (length <see cref="NeuralBanditOptions.HiddenWidth"/>) written
    /// to <paramref name="lastHidden"/>: the part of g/√m that belongs to the output weights, since ∂f/∂W_L = √m·φ.
    /// </summary>
    public double LastHidden(ReadOnlySpan<double> context, Span<double> lastHidden)
    {
        int m = Options.HiddenWidth;
        if (lastHidden.Length < m) throw new ArgumentException($"need {m} slots for the last hidden layer, got {lastHidden.Length}");
        Load(context);
        Network.Forward(_input, 1, _ws, _output);
        GradientFeature();
        _gradient.AsSpan(Network.WeightOffset(Network.LayerCount - 1), m).CopyTo(lastHidden);
        return _output[0];
    }

    /// <summary>
    /// Chooses among <paramref name="candidates"/> (indices into <paramref name="contexts"/>), breaking exact ties
    /// uniformly at random. The propensity is the probability this policy had of choosing that arm.
    /// </summary>
    public ArmChoice Choose(IReadOnlyList<double[]> contexts, ReadOnlySpan<int> candidates)
    {
        if (candidates.IsEmpty) throw new ArgumentException("no candidate arm (every model was filtered out)");
        long start = System.Diagnostics.Stopwatch.GetTimestamp();
        try { return ChooseCore(contexts, candidates); }
        finally { Profile.ChooseTicks += System.Diagnostics.Stopwatch.GetTimestamp() - start; }
    }

    private ArmChoice ChooseCore(IReadOnlyList<double[]> contexts, ReadOnlySpan<int> candidates)
    {
        int k = candidates.Length;
        if (Options.UniformUntilFirstFeedback && History.Feedbacks < Options.UniformFeedbacks)
        {
            int pick = candidates[Random.NextInt(k)];
            return new ArmChoice(pick, 1.0 / k, 0, 0);
        }
        bool ucb = Options.Exploration == NeuralExploration.Ucb;
        if (_scores.Length < k) _scores = new ArmScore[2 * k];
        if (_features.Length < k) _features = Enumerable.Range(0, 2 * k).Select(_ => new double[Network.ParameterCount]).ToArray();
        if (_widths.Length < k) _widths = new double[2 * k];
        var predicted = _predicted.Length >= k ? _predicted : (_predicted = new double[2 * k]);
        for (int j = 0; j < k; j++)
        {
            Load(contexts[candidates[j]]);
            Network.Forward(_input, 1, _ws, _output);
            predicted[j] = _output[0];
            if (!ucb) continue;
            GradientFeature();
            _gradient.CopyTo(_features[j], 0);
        }
        if (ucb && KernelZ is { } kernel) kernel.Norms(_features, k, _widths);
        else if (ucb) Z.Norms(_features, k, _widths);
        int best = 0, ties = 0;
        for (int j = 0; j < k; j++)
        {
            double w = ucb ? _widths[j] : 0, score = predicted[j] + Options.Gamma * w;
            _scores[j] = new ArmScore(candidates[j], predicted[j], w, score);
            if (j == 0 || score > _scores[best].Score) { best = j; ties = 1; }
            else if (score == _scores[best].Score && Random.NextInt(++ties) == 0) best = j; // reservoir tie-break
        }
        var top = _scores[best];
        if (ucb) return new ArmChoice(top.Arm, 1.0 / ties, top.Predicted, top.Width);
        double eps = Options.Epsilon;
        if (Random.NextDouble() < eps)
        {
            int r = Random.NextInt(k);
            var s = _scores[r];
            // the random arm could also be the greedy one: probability ε/k, plus 1 − ε when it is the greedy arm
            return new ArmChoice(s.Arm, eps / k + (r == best ? (1 - eps) / ties : 0), s.Predicted, 0);
        }
        return new ArmChoice(top.Arm, (1 - eps) / ties + eps / k, top.Predicted, 0);
    }

    /// <summary>
    /// Adds one feedback: stores it, retrains when <see cref="NeuralBanditOptions.RetrainEvery"/> feedbacks have
    /// arrived since the last retraining, then adds g(x; θ)/√m to Z. Returns true when it retrained.
    /// </summary>
    public bool AddFeedback(ReadOnlySpan<double> context, double qoe, CancellationToken cancellationToken = default) =>
        AddFeedback(context, qoe, 1.0, cancellationToken);

    /// <summary>As above with a sample weight (a bootstrap replicate's count; see <see cref="BootstrapEnsemblePolicy"/>).</summary>
    public bool AddFeedback(ReadOnlySpan<double> context, double qoe, double weight, CancellationToken cancellationToken = default)
    {
        int row = History.Add(Widen(context), qoe, weight);
        bool retrained = false, refreshed = false;
        if (++SinceRetrain >= Options.RetrainEvery || IsEarlyRetrainPoint(History.Feedbacks))
        {
            Retrain(cancellationToken);
            retrained = true;
            refreshed = RefreshZ();
        }
        if (Options.Exploration == NeuralExploration.Ucb && !refreshed) // a refreshed Z already holds this feedback
        {
            long start = System.Diagnostics.Stopwatch.GetTimestamp();
            if (KernelZ is { } kernel && row < kernel.Count) kernel.Increment(row); // its gradient at this θ is held already
            else
            {
                Load(context);
                Network.Forward(_input, 1, _ws, _output);
                GradientFeature();
                if (KernelZ is { } k) k.Append(_gradient);
                else Z.Add(_gradient);
            }
            Profile.ZUpdateTicks += System.Diagnostics.Stopwatch.GetTimestamp() - start;
        }
        return retrained;
    }

    /// <summary>
    /// Writes a kernel-held Z into <see cref="Z"/> (for saving the state) and holds it there until the next retraining,
    /// so that a policy saved and one restored from the save continue identically.
    /// </summary>
    public void MaterializeZ()
    {
        if (KernelZ is not { } kernel) return;
        Z.Rebuild(kernel.Rows, kernel.Counts.ToArray());
        KernelZ = null;
    }

    private bool IsEarlyRetrainPoint(long feedbacks)
    {
        long first = Options.FirstRetrain;
        if (first <= 0 || feedbacks >= Options.RetrainEvery || feedbacks < first || feedbacks % first != 0) return false;
        long ratio = feedbacks / first;
        return (ratio & (ratio - 1)) == 0; // first, 2·first, 4·first, …
    }

    /// <summary>Rebuilds Z over the distinct contexts with the current θ (see <see cref="NeuralBanditOptions.RefreshZ"/>).</summary>
    private bool RefreshZ()
    {
        if (!Options.RefreshZ || Options.Exploration != NeuralExploration.Ucb) return false;
        bool diagonal = Z.Form == ZMatrixForm.Diagonal; // rebuilding diag(Z) costs C·p: always affordable
        bool small = !diagonal && History.Count <= Options.ZRefreshMaxContexts;
        if (!small && !diagonal && KernelZ is null) return false; // Z is updated at arrivals from here on
        long start = System.Diagnostics.Stopwatch.GetTimestamp();
        int c = History.Count;
        var (inputs, _, counts) = History.TrainingSet();
        var features = new double[c][];
        for (int i = 0; i < c; i++)
        {
            LoadRow(inputs.AsSpan(i * 2 * InputWidth, InputWidth));
            Network.Forward(_input, 1, _ws, _output);
            GradientFeature();
            features[i] = (double[])_gradient.Clone();
        }
        if (small) (KernelZ ??= new ContextKernelBonus(Network.ParameterCount, Options.Lambda)).Reset(features, counts.AsSpan(0, c));
        else
        {
            Z.Rebuild(features, counts.AsSpan(0, c)); // dense: the last rebuild, too many contexts for the kernel form
            KernelZ = null;
        }
        Profile.ZRebuildTicks += System.Diagnostics.Stopwatch.GetTimestamp() - start;
        Profile.ZRebuilds++;
        return true;
    }

    /// <summary>Algorithm 4: Epochs full-batch Adam steps on the merged history from the current θ, anchored at θ0.</summary>
    public double Retrain(CancellationToken cancellationToken = default)
    {
        SinceRetrain = 0;
        long start = System.Diagnostics.Stopwatch.GetTimestamp();
        try { return RetrainCore(cancellationToken); }
        finally { Profile.RetrainTicks += System.Diagnostics.Stopwatch.GetTimestamp() - start; Profile.Retrainings++; }
    }

    private double RetrainCore(CancellationToken cancellationToken)
    {
        var (inputs, targets, weights) = History.TrainingSet();
        int n = History.Count;
        if (n == 0) return double.NaN;
        int cap = Options.MaxTrainingContexts;
        if (cap > 0 && n > cap) (inputs, targets, weights, n) = Subset(inputs, targets, weights, n, cap);
        var report = RegressionTrainer.Train(Network, Optimizer, inputs, targets, weights, n, InitialParameters,
            new RegressionTrainingOptions { Epochs = Options.Epochs, AnchorPenalty = Options.Lambda, Threads = Options.TrainingThreads },
            new System.Random(0), cancellationToken); // full batch: the trainer's generator is never drawn from
        _losses.Add(report.FinalLoss);
        return report.FinalLoss;
    }

    private (double[], double[], double[], int) Subset(double[] inputs, double[] targets, double[] weights, int n, int cap)
    {
        int d2 = 2 * InputWidth;
        var pick = new int[n];
        for (int i = 0; i < n; i++) pick[i] = i;
        for (int i = 0; i < cap; i++) { int j = i + Random.NextInt(n - i); (pick[i], pick[j]) = (pick[j], pick[i]); }
        var x = new double[cap * d2];
        var y = new double[cap];
        var w = new double[cap];
        double rescale = (double)n / cap;
        for (int i = 0; i < cap; i++)
        {
            inputs.AsSpan(pick[i] * d2, d2).CopyTo(x.AsSpan(i * d2));
            y[i] = targets[pick[i]];
            w[i] = weights[pick[i]] * rescale;
        }
        return (x, y, w, cap);
    }

    private void Load(ReadOnlySpan<double> context) => LoadRow(Widen(context));

    /// <summary>The context as the network sees one half of its input (with the constant when configured).</summary>
    private ReadOnlySpan<double> Widen(ReadOnlySpan<double> context)
    {
        if (context.Length != ContextSize) throw new ArgumentException($"context has {context.Length} features, the network takes {ContextSize}");
        context.CopyTo(_row);
        if (InputWidth > ContextSize) _row[ContextSize] = 1.0;
        return _row;
    }

    private void LoadRow(ReadOnlySpan<double> row)
    {
        row.CopyTo(_input);
        row.CopyTo(_input.AsSpan(InputWidth));
    }

    /// <summary>_gradient = ∇θ f(x; θ) / √m for the input loaded and forwarded last.</summary>
    private void GradientFeature()
    {
        Array.Clear(_gradient);
        Network.Backward(_ws, _one, _gradient, default);
        double s = 1 / Math.Sqrt(Options.HiddenWidth);
        for (int k = 0; k < _gradient.Length; k++) _gradient[k] *= s;
    }
}

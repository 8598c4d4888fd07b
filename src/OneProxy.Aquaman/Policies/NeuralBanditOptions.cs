namespace OneProxy.Aquaman.Policies;

/// <summary>How a neural bandit turns predictions into a choice.</summary>
public enum NeuralExploration
{
    /// <summary>Upper confidence bound f + γ ‖g / √m‖_{Z⁻¹} (Aquaman, NeuralUCB; thesis Eq. 2.9).</summary>
    Ucb,

    /// <summary>Greedy on f, a uniformly random feasible arm with probability ε (the ε-greedy baseline).</summary>
    EpsilonGreedy,
}

/// <summary>
/// Settings of the QoE network and its bandit (thesis Sec. 2.3 and the digest's suggested choices [S] where the thesis
/// is silent: widths, λ, γ, optimiser). Defaults: 4 fully connected layers on the 10 context features
/// (written twice for the symmetric start), width 16 (848 parameters, so the dense Z⁻¹ is 848 × 848), λ = 1, γ = 0.1,
/// Adam lr 0.001, 100 epochs per 100 feedbacks plus early retrainings at 10, 20, 40, 80 feedbacks, dense Z rebuilt at
/// the new θ at each retraining (held through its contexts while they are few). docs/aquaman.md shows why: chosen on
/// tuning seeds 100–109; the diagonal bonus barely differs between arms, so it explores too little.
/// </summary>
public sealed record NeuralBanditOptions
{
    /// <summary>Units m of each hidden layer (even, for the symmetric start).</summary>
    public int HiddenWidth { get; init; } = 16;

    /// <summary>Hidden layers; the thesis's "4 fully-connected layers" are 3 hidden layers plus the output layer.</summary>
    public int HiddenLayers { get; init; } = 3;

    /// <summary>λ of the regulariser ½ λ ‖θ − θ0‖² (Eq. 2.3) and of Z = λI + … (Eq. 2.9).</summary>
    public double Lambda { get; init; } = 1.0;

    /// <summary>γ, the weight of the confidence bonus (constant; the thesis defers to NeuralUCB's rate).</summary>
    public double Gamma { get; init; } = 0.1;

    public NeuralExploration Exploration { get; init; } = NeuralExploration.Ucb;

    /// <summary>ε of <see cref="NeuralExploration.EpsilonGreedy"/>.</summary>
    public double Epsilon { get; init; } = 0.05;

    public double LearningRate { get; init; } = 1e-3;

    /// <summary>Full-batch Adam steps per retraining (the thesis's "100 epochs").</summary>
    public int Epochs { get; init; } = 100;

    /// <summary>Retrain after this many feedbacks (the thesis's experiments: 100).</summary>
    public int RetrainEvery { get; init; } = 100;

    public ZMatrixForm ZForm { get; init; } = ZMatrixForm.Dense;

    /// <summary>
    /// Retrain also when the feedbacks received reach FirstRetrain, 2·FirstRetrain, 4·FirstRetrain, … while fewer than
    /// <see cref="RetrainEvery"/> exist (10, 20, 40, 80 with the defaults), then every RetrainEvery as in the thesis's
    /// experiments. 0 = off. Without it the network stays at f(·; θ0) = 0 until the 100th feedback, which with delays
    /// up to 500 is round ~350, and the first choices rest on the exploration bonus alone.
    /// </summary>
    public int FirstRetrain { get; init; } = 10;

    /// <summary>
    /// At each retraining, rebuild Z from scratch with the new θ over every distinct context received
    /// (Z = λI + Σ_c n_c g_c g_cᵀ / m: Eq. 2.4 evaluates all past gradients at θ_t), as long as there are at most
    /// <see cref="ZRefreshMaxContexts"/> distinct contexts; above that, and between retrainings (θ unchanged), Z is
    /// updated at each arrival. Without it, Z keeps gradients taken at whatever θ was current when each feedback came,
    /// mostly at the untrained start.
    /// </summary>
    public bool RefreshZ { get; init; } = true;

    /// <summary>
    /// Most distinct contexts for which <see cref="RefreshZ"/> rebuilds a dense Z (held through its contexts, see
    /// <see cref="ContextKernelBonus"/>; cost ~ contexts² × parameters). A diagonal Z is always rebuilt.
    /// </summary>
    public int ZRefreshMaxContexts { get; init; } = 256;

    /// <summary>
    /// Most distinct contexts one retraining uses (0 = all). Above it, a random subset of this size is drawn for that
    /// retraining (weights rescaled so the loss keeps its size); it bounds the cost of a retraining when every round
    /// brings a new device. Repeated contexts are always merged exactly (count and mean QoE).
    /// </summary>
    public int MaxTrainingContexts { get; init; } = 1024;

    /// <summary>Threads of one retraining's forward/backward passes.</summary>
    public int TrainingThreads { get; init; } = 1;

    /// <summary>Thesis Alg. 3: choose uniformly at random until the first feedback has arrived.</summary>
    public bool UniformUntilFirstFeedback { get; init; } = true;

    /// <summary>
    /// With <see cref="UniformUntilFirstFeedback"/>: keep choosing uniformly until this many feedbacks have arrived
    /// (1 = Alg. 3 as written). Alg. 3 retrains at every arrival; with retraining in batches a larger start guards against
    /// committing to a model after a handful of noisy feedbacks: with 1, some seeds of the thesis protocol served a wrong
    /// model to a device for the whole run (worst of 20 tuning seeds 0.939 of Oracle); with 100, 0.989 (docs/aquaman.md).
    /// </summary>
    public int UniformFeedbacks { get; init; } = 100;

    /// <summary>
    /// Append a constant 1 to every context before it enters the network ([x, 1, x, 1] with the symmetric start, so
    /// still f(·; θ0) = 0). Why: the bias-free network of Eq. 2.7 is positively homogeneous (f(c·x) = c·f(x) for c &gt; 0);
    /// NeuralUCB's analysis puts contexts on the unit sphere, where that does not matter, but our contexts are min–max
    /// scaled into [0, 1]ᵈ, where it forbids even a constant QoE (LinUCB gets its intercept from the same constant).
    /// It is off by default because it did not pay off where it was tried (docs/aquaman.md, "Constant input"): on the
    /// synthetic RBF world's tuning seeds the homogeneous network did better. Off reproduces Eq. 2.7 as written.
    /// </summary>
    public bool ConstantInput { get; init; }

    public NeuralBanditOptions Validated()
    {
        if (HiddenWidth < 2 || HiddenWidth % 2 != 0 || HiddenWidth > 4096) throw new UnusableDataException($"hidden width must be even and in 2..4096, got {HiddenWidth}");
        if (HiddenLayers < 1 || HiddenLayers > 16) throw new UnusableDataException($"hidden layers must be in 1..16, got {HiddenLayers}");
        if (!(Lambda > 0) || !double.IsFinite(Lambda)) throw new UnusableDataException($"lambda must be positive, got {Lambda}");
        if (!(Gamma >= 0) || !double.IsFinite(Gamma)) throw new UnusableDataException($"gamma must be >= 0, got {Gamma}");
        if (!(Epsilon >= 0 && Epsilon <= 1)) throw new UnusableDataException($"epsilon must be in [0, 1], got {Epsilon}");
        if (!(LearningRate > 0) || !double.IsFinite(LearningRate)) throw new UnusableDataException($"learning rate must be positive, got {LearningRate}");
        if (Epochs < 1 || Epochs > 100_000) throw new UnusableDataException($"epochs must be in 1..100000, got {Epochs}");
        if (RetrainEvery < 1) throw new UnusableDataException($"retrain-every must be >= 1, got {RetrainEvery}");
        if (UniformFeedbacks < 1) throw new UnusableDataException($"uniform feedbacks must be >= 1, got {UniformFeedbacks}");
        if (FirstRetrain < 0) throw new UnusableDataException($"first retrain must be >= 0, got {FirstRetrain}");
        if (ZRefreshMaxContexts < 0) throw new UnusableDataException($"Z refresh contexts must be >= 0, got {ZRefreshMaxContexts}");
        if (MaxTrainingContexts < 0) throw new UnusableDataException($"max training contexts must be >= 0, got {MaxTrainingContexts}");
        if (TrainingThreads < 1 || TrainingThreads > 64) throw new UnusableDataException($"training threads must be in 1..64, got {TrainingThreads}");
        return this;
    }
}

using OneProxy.Monotonicity;
using OneProxy.Predictors;
using OneProxy.SearchSpaces;

namespace OneProxy.Adaptation;

/// <summary>
/// Adapts a proxy device's linear predictor to a target from a few measured architectures
/// (AdaProxy, Eq. 3.3), or combines a library of characterised devices' predictors, and picks
/// the method from the target samples alone (<see cref="AutoSelection"/>: the raw proxy unless a
/// candidate beats it out of sample by more than noise).
/// Every fitted candidate is checked on a reference set of architectures (the space's
/// enumeration or 2,000 random ones, plus the samples): one that predicts a negative latency,
/// ranks nothing, or reverses its base predictor's ranking is rejected for the automatic choice.
/// </summary>
public sealed class ProxyAdapter
{
    private readonly LinearPredictor _proxy;
    private readonly IReadOnlyList<LinearPredictor> _library;
    private readonly AdaptationOptions _options;
    private readonly OperatorGroups _groups;
    private readonly FeatureMatrix _reference;

    /// <param name="reference">Architectures on which candidates must predict non-negative latencies (default: 2,000 random ones of the space).</param>
    public ProxyAdapter(ISearchSpace space, LinearPredictor proxy, IReadOnlyList<LinearPredictor> library, AdaptationOptions? options = null,
        FeatureMatrix? reference = null)
    {
        if (proxy.Weights.Length != space.FeatureCount)
            throw new UnusableDataException($"proxy predictor has {proxy.Weights.Length} weights, {space.Name} has {space.FeatureCount} features");
        _proxy = proxy;
        _groups = OperatorGroups.Of(space);
        _library = library;
        _options = (options ?? new AdaptationOptions()).Validate();
        foreach (var p in library)
            if (p.Space != proxy.Space || p.Weights.Length != proxy.Weights.Length)
                throw new UnusableDataException($"library predictor for '{p.Device}' ({p.Space}, {p.Weights.Length} weights) does not match the proxy ({proxy.Space}, {proxy.Weights.Length})");
        if (reference is not null && reference.Features != space.FeatureCount)
            throw new ArgumentException($"reference has {reference.Features} features, {space.Name} {space.FeatureCount}");
        _reference = reference ?? ReferenceSet(space, 2000);
        _prior = new Lazy<LibraryPrior>(() => LibraryPrior.Of([.. library, proxy], _reference, anchor: proxy));
    }

    private readonly Lazy<LibraryPrior> _prior;

    /// <summary>The Gaussian prior over operator costs from the library and the proxy (built on first use).</summary>
    public LibraryPrior Prior => _prior.Value;

    public AdaptationOptions Options => _options;

    /// <summary>The raw proxy predictor's weights (bias last).</summary>
    public double[] ProxyWeights => _proxy.Weights;

    /// <summary>Random canonical architectures of <paramref name="space"/> from a fixed stream (the check must not depend on the run's seed).</summary>
    public static FeatureMatrix ReferenceSet(ISearchSpace space, int count)
    {
        var rng = new SeedStream(0).Random("adapt/reference");
        var genes = new int[space.GeneChoices.Count];
        var archs = new Architecture[count];
        for (int i = 0; i < count; i++)
        {
            for (int g = 0; g < genes.Length; g++) genes[g] = rng.Next(space.GeneChoices[g]);
            archs[i] = space.Canonicalize(genes);
        }
        return new FeatureMatrix(space, archs);
    }

    /// <summary>Every applicable candidate fitted, then <see cref="Choose"/>.</summary>
    public AdaptationResult AdaptAuto(FeatureMatrix samples, double[] latencyMs, string target) =>
        Choose(AdaptAll(samples, latencyMs, target, _options.Candidates.Where(Applicable)), latencyMs);

    /// <summary>
    /// The automatic choice among already fitted results (which must include every applicable
    /// candidate): the raw proxy, unless another usable candidate's out-of-sample pairwise rank
    /// agreement beats it by more than <see cref="AdaptationOptions.SelectionZ"/> jackknife
    /// standard errors. The estimate is the chosen candidate's out-of-sample SRCC; the interval is
    /// <see cref="SrccInterval"/> around it.
    /// </summary>
    public AdaptationResult Choose(IReadOnlyList<AdaptationResult> fitted, double[] latencyMs)
    {
        var results = _options.Candidates.Where(Applicable).Select(m => fitted.FirstOrDefault(r => r.Method == m)
            ?? throw new ArgumentException($"no fitted result for candidate method {MethodName(m)}")).ToList();
        // The simplest candidate: the raw proxy unless the caller left it out.
        var proxy = results.OrderBy(r => Complexity(r.Method)).First();
        // The baseline: the library prior's posterior where it is fitted and usable (its mean mixes the proxy and the
        // library, so with few samples it stays near what the library says; issue 19), else the simplest candidate.
        var baseline = _options.Baseline == AutoBaseline.Prior
            ? results.FirstOrDefault(r => r.Method == AdaptationMethod.Prior && r.Rejected is null && !AutoSelection.IsConstant(r.OutOfSample)) ?? proxy
            : proxy;
        var usable = results.Where(r => r != baseline && r.Rejected is null).ToList();
        var candidates = new List<SelectionCandidate> { new(baseline.OutOfSample, 1, 0) };
        candidates.AddRange(usable.Select(r => new SelectionCandidate(r.OutOfSample, r.Method == AdaptationMethod.Device ? _library.Count : 1, Complexity(r.Method))));
        var outcome = AutoSelection.Choose(candidates, latencyMs, _options.SelectionZ);
        var chosen = outcome.Chosen == 0 ? baseline : usable[outcome.Chosen - 1];
        // The chosen candidate's own out-of-sample SRCC: leave-one-out SRCC is pessimistic for fitted
        // models on few samples and choosing the best is optimistic; the benchmark measures the sum
        // (docs/adaptation.md). A NaN (too few samples) falls back to the proxy's sample SRCC.
        double estimate = double.IsNaN(chosen.EstimatedSrcc) ? proxy.EstimatedSrcc : chosen.EstimatedSrcc;
        // Equal latencies (or 2-3 samples) carry no ranking evidence: say 0 with the widest interval, never NaN.
        if (double.IsNaN(estimate)) return chosen with { EstimatedSrcc = 0, EstimatedSrccByMethod = results.ToDictionary(r => r.Method, r => r.EstimatedSrcc), Interval = (-1, 1) };
        var byMethod = results.ToDictionary(r => r.Method, r => r.EstimatedSrcc);
        return chosen with { EstimatedSrcc = estimate, EstimatedSrccByMethod = byMethod, Interval = SrccInterval.Of(estimate, latencyMs.Length) };
    }

    /// <summary>Simplest first: the raw proxy, one scaled device, linear mixes, per-type corrections, per-operator corrections.</summary>
    public static int Complexity(AdaptationMethod m) => m switch
    {
        AdaptationMethod.Proxy => 0,
        AdaptationMethod.Device => 1,
        AdaptationMethod.Library or AdaptationMethod.ProxyOpType or AdaptationMethod.Prior => 2,
        AdaptationMethod.LibraryOpType => 3,
        AdaptationMethod.AdaProxy => 4,
        AdaptationMethod.LibraryAda => 5,
        _ => 6,
    };

    /// <summary>
    /// Fits each method once; the library combination, which the two-stage methods build on,
    /// is fitted at most once for all of them.
    /// </summary>
    public IReadOnlyList<AdaptationResult> AdaptAll(FeatureMatrix samples, double[] latencyMs, string target, IEnumerable<AdaptationMethod> methods)
    {
        if (samples.Rows != latencyMs.Length) throw new ArgumentException($"{samples.Rows} architectures but {latencyMs.Length} latencies");
        if (samples.Features != _proxy.Weights.Length) throw new ArgumentException($"samples have {samples.Features} features, predictor {_proxy.Weights.Length}");
        if (samples.Rows < 2) throw new UnusableDataException($"need at least 2 target measurements to adapt, got {samples.Rows}");
        foreach (var v in latencyMs) if (!double.IsFinite(v)) throw new UnusableDataException("target latencies must be finite");
        AdaptationResult? library = null;
        AdaptationResult Library() => library ??= AdaptOne(samples, latencyMs, target, AdaptationMethod.Library, null!);
        return methods.Select(m => m == AdaptationMethod.Library ? Library() : AdaptOne(samples, latencyMs, target, m, Library)).ToList();
    }

    /// <summary>Library methods need a non-empty library.</summary>
    public bool Applicable(AdaptationMethod m) =>
        m is not (AdaptationMethod.Library or AdaptationMethod.LibraryAda or AdaptationMethod.LibraryOpType or AdaptationMethod.Device or AdaptationMethod.Prior) || _library.Count > 0;

    public AdaptationResult Adapt(FeatureMatrix samples, double[] latencyMs, string target, AdaptationMethod method) =>
        AdaptAll(samples, latencyMs, target, [method])[0];

    private AdaptationResult AdaptOne(FeatureMatrix samples, double[] latencyMs, string target, AdaptationMethod method, Func<AdaptationResult> library)
    {
        int n = samples.Rows, p = samples.Features, ops = p - 1;
        var x = samples.Values;
        var w = _proxy.Weights;
        double[] weights, oof;
        double[]? signBase = null;
        string? basis = null;
        double cv, lambda = double.NaN;
        switch (method)
        {
            case AdaptationMethod.Proxy:
                weights = (double[])w.Clone();
                oof = samples.Multiply(w);
                cv = Spearman.Correlation(oof, latencyMs);
                break;
            case AdaptationMethod.Device:
                (weights, oof, cv, basis) = BestDevice(samples, latencyMs);
                break;
            case AdaptationMethod.AdaProxy:
                (weights, cv, lambda, oof) = AdaProxyOn(w, samples, latencyMs);
                signBase = w;
                break;
            case AdaptationMethod.LibraryAda:
            {
                // Two stages: the library combination becomes the base predictor that Eq. 3.3 adapts.
                signBase = library().Predictor.Weights;
                (weights, cv, lambda, oof) = AdaProxyOn(signBase, samples, latencyMs);
                break;
            }
            case AdaptationMethod.ProxyOpType:
                (weights, cv, lambda, oof) = OpTypeCorrectionOn(w, samples, latencyMs);
                signBase = w;
                break;
            case AdaptationMethod.LibraryOpType:
            {
                signBase = library().Predictor.Weights;
                (weights, cv, lambda, oof) = OpTypeCorrectionOn(signBase, samples, latencyMs);
                break;
            }
            case AdaptationMethod.Library:
            {
                int k = _library.Count, q = k;
                var preds = _library.Select(l => samples.Multiply(l.Weights)).ToArray();
                var design = new double[n, q];
                for (int i = 0; i < n; i++)
                {
                    for (int m = 0; m < k; m++) design[i, m] = preds[m][i];
                }
                var specs = new Coefficient[q];
                for (int m = 0; m < k; m++) specs[m] = new Coefficient(Penalty.L1, NonNegative: true);
                var (model, s, o) = CrossValidatedFit.RunWithOutOfFold(design, latencyMs, specs, _options);
                weights = new double[p];
                for (int m = 0; m < k; m++)
                    for (int j = 0; j < p; j++) weights[j] += model.Coefficients[m] * _library[m].Weights[j];
                weights[ops] += model.Intercept;
                (cv, lambda, oof) = (s, model.Lambda, o);
                break;
            }
            case AdaptationMethod.Prior:
            {
                var fit = PriorRegression.Fit(x, latencyMs, Prior, ops);
                (weights, oof, lambda) = (fit.Weights, fit.OutOfSample, fit.NoiseRatio);
                cv = n >= 3 ? Spearman.Correlation(oof, latencyMs) : double.NaN;
                signBase = Prior.Mean;
                break;
            }
            case AdaptationMethod.TargetOnly:
            {
                var design = new double[n, ops];
                for (int i = 0; i < n; i++) for (int j = 0; j < ops; j++) design[i, j] = x[i, j];
                var specs = Enumerable.Repeat(new Coefficient(Penalty.L2), ops).ToArray();
                var (model, s, o) = CrossValidatedFit.RunWithOutOfFold(design, latencyMs, specs, _options);
                weights = [.. model.Coefficients, model.Intercept];
                (cv, lambda, oof) = (s, model.Lambda, o);
                break;
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(method), method, "unknown adaptation method");
        }
        var predictor = new LinearPredictor(_proxy.Space, target, weights, MethodName(method) + (basis is null ? "" : $" {basis}"), n);
        return new AdaptationResult(method, predictor, cv, lambda, new Dictionary<AdaptationMethod, double> { [method] = cv })
        {
            OutOfSample = oof, Basis = basis, Rejected = method == AdaptationMethod.Proxy ? null : Check(weights, signBase, samples),
            Interval = SrccInterval.Of(cv, n),
        };
    }

    /// <summary>Why a fitted predictor must not be chosen automatically, or null.</summary>
    private string? Check(double[] weights, double[]? signBase, FeatureMatrix samples)
    {
        var refPred = _reference.Multiply(weights);
        var samplePred = samples.Multiply(weights);
        double min = Math.Min(refPred.Min(), samplePred.Min());
        if (!(min >= 0)) return $"predicts a negative latency ({min:0.###} ms)";
        if (AutoSelection.IsConstant(refPred)) return "constant: ranks nothing";
        if (signBase is not null)
        {
            double s = Spearman.Correlation(refPred, _reference.Multiply(signBase));
            if (!(s > 0)) return $"reverses its base predictor's ranking (SRCC {s:0.###})";
        }
        return null;
    }

    /// <summary>
    /// The library device whose predictions agree best with the samples' ranking (Kendall's tau,
    /// ties in y skipped), scaled by non-negative least squares (alpha &gt;= 0, plus c).
    /// </summary>
    private (double[] Weights, double[] Oof, double Srcc, string Device) BestDevice(FeatureMatrix samples, double[] y)
    {
        int n = y.Length, bestIndex = 0;
        double best = double.NegativeInfinity;
        var preds = new double[_library.Count][];
        for (int d = 0; d < _library.Count; d++)
        {
            preds[d] = samples.Multiply(_library[d].Weights);
            double agree = 0;
            for (int i = 0; i < n; i++)
                for (int j = i + 1; j < n; j++)
                    agree += Math.Sign(preds[d][i] - preds[d][j]) * Math.Sign(y[i] - y[j]);
            if (agree > best) { best = agree; bestIndex = d; }
        }
        var u = preds[bestIndex];
        var design = new double[n, 1];
        for (int i = 0; i < n; i++) design[i, 0] = u[i];
        var model = new PenalizedRegression(design, y, [new Coefficient(Penalty.None, NonNegative: true)]).Fit(0);
        var src = _library[bestIndex].Weights;
        var weights = new double[src.Length];
        for (int j = 0; j < src.Length; j++) weights[j] = model.Coefficients[0] * src[j];
        weights[^1] += model.Intercept;
        return (weights, u, Spearman.Correlation(u, y), _library[bestIndex].Device);
    }

    /// <summary>Eq. 3.3 on base weights w: [(alpha 1 + b) o w]^T x + c, lambda by cross-validated SRCC.</summary>
    private (double[] Weights, double Cv, double Lambda, double[] Oof) AdaProxyOn(double[] w, FeatureMatrix samples, double[] latencyMs)
    {
        int n = samples.Rows, p = samples.Features, ops = p - 1;
        var x = samples.Values;
        var u = samples.Multiply(w);
        var design = new double[n, 1 + ops];
        for (int i = 0; i < n; i++)
        {
            design[i, 0] = u[i];
            for (int j = 0; j < ops; j++) design[i, 1 + j] = w[j] * x[i, j];
        }
        var specs = new Coefficient[1 + ops];
        // alpha >= 0: five near-equal samples could otherwise flip the base ranking (issue 19: SRCC -0.979).
        specs[0] = new Coefficient(Penalty.None, NonNegative: true);
        for (int j = 0; j < ops; j++) specs[1 + j] = new Coefficient(_options.CorrectionPenalty);
        var (model, cv, oof) = CrossValidatedFit.RunWithOutOfFold(design, latencyMs, specs, _options);
        double alpha = model.Coefficients[0];
        var weights = new double[p];
        for (int j = 0; j < ops; j++) weights[j] = (alpha + model.Coefficients[1 + j]) * w[j];
        weights[ops] = alpha * w[ops] + model.Intercept;
        return (weights, cv, model.Lambda, oof);
    }

    /// <summary>
    /// alpha * (w . x) + sum_g b_g * count_g(x) + c with a ridge penalty on the per-operator-type
    /// corrections b: the base keeps its per-position detail, the corrections fix what the base
    /// device gets wrong about whole operator types (a device whose 3x3 convolutions are
    /// relatively cheaper, say), and there are only as many of them as operator types.
    /// </summary>
    private (double[] Weights, double Cv, double Lambda, double[] Oof) OpTypeCorrectionOn(double[] w, FeatureMatrix samples, double[] latencyMs)
    {
        int n = samples.Rows, p = samples.Features, g = _groups.Count;
        var u = samples.Multiply(w);
        var counts = _groups.Counts(samples.Values);
        var design = new double[n, 1 + g];
        for (int i = 0; i < n; i++)
        {
            design[i, 0] = u[i];
            for (int k = 0; k < g; k++) design[i, 1 + k] = counts[i, k];
        }
        var specs = new Coefficient[1 + g];
        specs[0] = new Coefficient(Penalty.None, NonNegative: true); // alpha >= 0, as in AdaProxyOn
        for (int k = 0; k < g; k++) specs[1 + k] = new Coefficient(Penalty.L2);
        var (model, cv, oof) = CrossValidatedFit.RunWithOutOfFold(design, latencyMs, specs, _options);
        double alpha = model.Coefficients[0];
        var weights = new double[p];
        for (int j = 0; j < p; j++)
        {
            weights[j] = alpha * w[j];
            int grp = _groups.GroupOfFeature[j];
            if (grp != OperatorGroups.None) weights[j] += model.Coefficients[1 + grp];
        }
        weights[p - 1] += model.Intercept;
        return (weights, cv, model.Lambda, oof);
    }

    public static IReadOnlyList<string> MethodNames => [.. Enum.GetValues<AdaptationMethod>().Select(MethodName)];

    /// <summary>Accepts the printed name ("library+optype") or the enum name, case-insensitive.</summary>
    public static bool TryParseMethod(string name, out AdaptationMethod method)
    {
        foreach (var m in Enum.GetValues<AdaptationMethod>())
            if (string.Equals(MethodName(m), name, StringComparison.OrdinalIgnoreCase) || string.Equals(m.ToString(), name, StringComparison.OrdinalIgnoreCase))
            {
                method = m;
                return true;
            }
        method = default;
        return false;
    }

    public static string MethodName(AdaptationMethod m) => m switch
    {
        AdaptationMethod.Proxy => "proxy",
        AdaptationMethod.AdaProxy => "adaproxy",
        AdaptationMethod.Library => "library",
        AdaptationMethod.LibraryAda => "library+adaproxy",
        AdaptationMethod.TargetOnly => "target-only",
        AdaptationMethod.ProxyOpType => "proxy+optype",
        AdaptationMethod.LibraryOpType => "library+optype",
        AdaptationMethod.Device => "device",
        AdaptationMethod.Prior => "prior",
        _ => m.ToString(),
    };
}

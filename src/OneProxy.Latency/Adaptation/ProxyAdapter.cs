using OneProxy.Monotonicity;
using OneProxy.Predictors;
using OneProxy.SearchSpaces;

namespace OneProxy.Adaptation;

/// <summary>
/// Adapts a proxy device's linear predictor to a target from a few measured architectures
/// (AdaProxy, Eq. 3.3), or combines a library of characterised devices' predictors, and picks
/// the method by cross-validated SRCC on the target samples alone.
/// </summary>
public sealed class ProxyAdapter
{
    private readonly LinearPredictor _proxy;
    private readonly IReadOnlyList<LinearPredictor> _library;
    private readonly AdaptationOptions _options;
    private readonly OperatorGroups _groups;

    public ProxyAdapter(ISearchSpace space, LinearPredictor proxy, IReadOnlyList<LinearPredictor> library, AdaptationOptions? options = null)
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
    }

    public AdaptationOptions Options => _options;

    /// <summary>
    /// Every candidate method fitted; the first in the candidate list (ordered simplest first)
    /// whose cross-validated SRCC is within <see cref="AdaptationOptions.SelectionMargin"/> of the
    /// best is returned. On 10 samples the most flexible method's CV SRCC is often the highest
    /// by chance (1.000 estimated, 0.82 true, seen on titan_rtx_256), so near-ties go to the simpler model.
    /// </summary>
    public AdaptationResult AdaptAuto(FeatureMatrix samples, double[] latencyMs, string target) =>
        Choose(AdaptAll(samples, latencyMs, target, _options.Candidates.Where(Applicable)));

    /// <summary>The automatic choice among already fitted results (which must include every applicable candidate).</summary>
    public AdaptationResult Choose(IReadOnlyList<AdaptationResult> fitted)
    {
        var results = _options.Candidates.Where(Applicable).Select(m => fitted.FirstOrDefault(r => r.Method == m)
            ?? throw new ArgumentException($"no fitted result for candidate method {MethodName(m)}")).ToList();
        double best = results.Max(r => Score(r.EstimatedSrcc));
        var chosen = results.First(r => Score(r.EstimatedSrcc) >= best - _options.SelectionMargin - 1e-12);
        return chosen with { EstimatedSrccByMethod = results.ToDictionary(r => r.Method, r => r.EstimatedSrcc) };
    }

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

    private static double Score(double s) => double.IsNaN(s) ? double.NegativeInfinity : s;

    /// <summary>Library methods need a non-empty library.</summary>
    public bool Applicable(AdaptationMethod m) =>
        m is not (AdaptationMethod.Library or AdaptationMethod.LibraryAda or AdaptationMethod.LibraryOpType) || _library.Count > 0;

    public AdaptationResult Adapt(FeatureMatrix samples, double[] latencyMs, string target, AdaptationMethod method) =>
        AdaptAll(samples, latencyMs, target, [method])[0];

    private AdaptationResult AdaptOne(FeatureMatrix samples, double[] latencyMs, string target, AdaptationMethod method, Func<AdaptationResult> library)
    {
        int n = samples.Rows, p = samples.Features, ops = p - 1;
        var x = samples.Values;
        var w = _proxy.Weights;
        double[] weights;
        double cv, lambda = double.NaN;
        switch (method)
        {
            case AdaptationMethod.Proxy:
                weights = (double[])w.Clone();
                cv = Spearman.Correlation(samples.Multiply(w), latencyMs);
                break;
            case AdaptationMethod.AdaProxy:
                (weights, cv, lambda) = AdaProxyOn(w, samples, latencyMs);
                break;
            case AdaptationMethod.LibraryAda:
            {
                // Two stages: the library combination becomes the base predictor that Eq. 3.3 adapts.
                (weights, cv, lambda) = AdaProxyOn(library().Predictor.Weights, samples, latencyMs);
                break;
            }
            case AdaptationMethod.ProxyOpType:
                (weights, cv, lambda) = OpTypeCorrectionOn(w, samples, latencyMs);
                break;
            case AdaptationMethod.LibraryOpType:
            {
                (weights, cv, lambda) = OpTypeCorrectionOn(library().Predictor.Weights, samples, latencyMs);
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
                var (model, s) = CrossValidatedFit.Run(design, latencyMs, specs, _options);
                weights = new double[p];
                for (int m = 0; m < k; m++)
                    for (int j = 0; j < p; j++) weights[j] += model.Coefficients[m] * _library[m].Weights[j];
                weights[ops] += model.Intercept;
                (cv, lambda) = (s, model.Lambda);
                break;
            }
            case AdaptationMethod.TargetOnly:
            {
                var design = new double[n, ops];
                for (int i = 0; i < n; i++) for (int j = 0; j < ops; j++) design[i, j] = x[i, j];
                var specs = Enumerable.Repeat(new Coefficient(Penalty.L2), ops).ToArray();
                var (model, s) = CrossValidatedFit.Run(design, latencyMs, specs, _options);
                weights = [.. model.Coefficients, model.Intercept];
                (cv, lambda) = (s, model.Lambda);
                break;
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(method), method, "unknown adaptation method");
        }
        var predictor = new LinearPredictor(_proxy.Space, target, weights, MethodName(method), n);
        return new AdaptationResult(method, predictor, cv, lambda, new Dictionary<AdaptationMethod, double> { [method] = cv });
    }

    /// <summary>Eq. 3.3 on base weights w: [(alpha 1 + b) o w]^T x + c, lambda by cross-validated SRCC.</summary>
    private (double[] Weights, double Cv, double Lambda) AdaProxyOn(double[] w, FeatureMatrix samples, double[] latencyMs)
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
        specs[0] = Coefficient.Free;
        for (int j = 0; j < ops; j++) specs[1 + j] = new Coefficient(_options.CorrectionPenalty);
        var (model, cv) = CrossValidatedFit.Run(design, latencyMs, specs, _options);
        double alpha = model.Coefficients[0];
        var weights = new double[p];
        for (int j = 0; j < ops; j++) weights[j] = (alpha + model.Coefficients[1 + j]) * w[j];
        weights[ops] = alpha * w[ops] + model.Intercept;
        return (weights, cv, model.Lambda);
    }

    /// <summary>
    /// alpha * (w . x) + sum_g b_g * count_g(x) + c with a ridge penalty on the per-operator-type
    /// corrections b: the base keeps its per-position detail, the corrections fix what the base
    /// device gets wrong about whole operator types (a device whose 3x3 convolutions are
    /// relatively cheaper, say), and there are only as many of them as operator types.
    /// </summary>
    private (double[] Weights, double Cv, double Lambda) OpTypeCorrectionOn(double[] w, FeatureMatrix samples, double[] latencyMs)
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
        specs[0] = Coefficient.Free;
        for (int k = 0; k < g; k++) specs[1 + k] = new Coefficient(Penalty.L2);
        var (model, cv) = CrossValidatedFit.Run(design, latencyMs, specs, _options);
        double alpha = model.Coefficients[0];
        var weights = new double[p];
        for (int j = 0; j < p; j++)
        {
            weights[j] = alpha * w[j];
            int grp = _groups.GroupOfFeature[j];
            if (grp != OperatorGroups.None) weights[j] += model.Coefficients[1 + grp];
        }
        weights[p - 1] += model.Intercept;
        return (weights, cv, model.Lambda);
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
        _ => m.ToString(),
    };
}

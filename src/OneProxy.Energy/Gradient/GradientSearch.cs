using OneProxy.Learning;

namespace OneProxy.Energy.Gradient;

/// <summary>A hard architecture the search evaluated, with its predicted accuracy and cost.</summary>
public sealed record GradientPoint(int[] Genes, double Accuracy, double Latency, double Energy);

/// <summary>Every architecture evaluated (the front is taken from these) and the predictor calls spent.</summary>
public sealed record GradientSearchResult(IReadOnlyList<GradientPoint> Evaluated, int PredictorCalls);

/// <summary>
/// ProxylessNAS-style search through the predictors: one categorical distribution per gene
/// (softmax of logits), the expected latency and energy of the distribution from the linear
/// operator-level predictors (exact: a linear model's expectation is the model of the
/// probabilities), accuracy from the MLP predictor evaluated on a Gumbel-softmax sample (its input
/// gradient makes it differentiable), and Adam on the logits. The loss for weights (t1, t2) is
/// <c>-(1 - t1 - t2) acc + t1 lat + t2 energy</c> on scales normalised by the given ranges, as in
/// Eq. (1.7). Runs over a grid of weights give a front.
/// </summary>
public sealed class GradientSearch
{
    private readonly OneHotLayout _layout;
    private readonly DenseNetwork _accuracy;
    private readonly double[] _latencyWeights;
    private readonly double[]? _energyWeights;
    private readonly (double Min, double Span) _acc, _lat, _energy;

    /// <param name="accuracy">Network from the one-hot encoding (bias feature included) to accuracy, one output.</param>
    /// <param name="latencyWeights">Linear latency predictor over the same encoding (bias weight last).</param>
    /// <param name="energyWeights">Optional linear energy predictor; null searches accuracy against latency only.</param>
    /// <param name="ranges">Min and max of accuracy, latency and energy over a sample, for normalising the loss.</param>
    public GradientSearch(OneHotLayout layout, DenseNetwork accuracy, double[] latencyWeights, double[]? energyWeights,
        (double Min, double Max) accuracyRange, (double Min, double Max) latencyRange, (double Min, double Max) energyRange)
    {
        _layout = layout ?? throw new ArgumentNullException(nameof(layout));
        _accuracy = accuracy ?? throw new ArgumentNullException(nameof(accuracy));
        if (accuracy.InputSize != layout.FeatureCount || accuracy.OutputSize != 1)
            throw new ArgumentException($"accuracy network maps {accuracy.InputSize} -> {accuracy.OutputSize}; the layout needs {layout.FeatureCount} -> 1");
        if (latencyWeights.Length != layout.FeatureCount) throw new ArgumentException($"latency predictor has {latencyWeights.Length} weights, the layout {layout.FeatureCount} features");
        if (energyWeights is not null && energyWeights.Length != layout.FeatureCount) throw new ArgumentException($"energy predictor has {energyWeights.Length} weights, the layout {layout.FeatureCount} features");
        _latencyWeights = latencyWeights;
        _energyWeights = energyWeights;
        _acc = Scale(accuracyRange);
        _lat = Scale(latencyRange);
        _energy = Scale(energyRange);
    }

    private static (double, double) Scale((double Min, double Max) r) => (r.Min, r.Max > r.Min ? r.Max - r.Min : 1);

    public GradientSearchResult Run(GradientSearchOptions options, Random rng, CancellationToken ct = default)
    {
        var o = options.Validated();
        ArgumentNullException.ThrowIfNull(rng);
        var evaluated = new List<GradientPoint>();
        int calls = 0;
        for (int k = 0; k < o.Weights; k++)
        {
            ct.ThrowIfCancellationRequested();
            // Weights spread over the simplex edge: t from 0 to 0.95 (t = 1 ignores accuracy entirely).
            double t = 0.95 * k / (o.Weights - 1);
            double t1 = _energyWeights is null ? t : t / 2, t2 = _energyWeights is null ? 0 : t / 2;
            calls += RunOne(t1, t2, o, rng, evaluated);
        }
        return new GradientSearchResult(evaluated, calls);
    }

    /// <summary>
    /// The loss at the given logits for one set of Gumbel noises, and its gradient with respect to
    /// the logits (written to <paramref name="gradient"/>). Public so tests can check it against
    /// finite differences; the straight-through variant is not differentiable in that sense.
    /// </summary>
    public double Loss(double[] logits, double[] gumbel, double t1, double t2, double temperature, GradientSampling sampling,
        double[] gradient, NetworkWorkspace workspace, int[] hardGenes)
    {
        var L = _layout;
        int f = L.FeatureCount;
        var p = new double[f];
        var y = new double[f];
        Softmax(logits, null, 1.0, p);
        Softmax(logits, gumbel, temperature, y);
        // Input to the accuracy net: hard one-hot of argmax y (straight-through) or y itself.
        var input = new double[f];
        for (int g = 0; g < L.GeneCount; g++)
        {
            int best = 0;
            for (int c = 1; c < L.Choices[g]; c++) if (y[L.Offset[g] + c] > y[L.Offset[g] + best]) best = c;
            hardGenes[g] = best;
        }
        if (sampling == GradientSampling.StraightThrough) L.Encode(hardGenes, input);
        else { Array.Copy(y, input, f); input[^1] = 1; }
        var output = new double[1];
        _accuracy.Forward(input, 1, workspace, output);
        LastNetworkOutput = output[0];
        double wa = 1 - t1 - t2;
        double lat = Dot(_latencyWeights, p), en = _energyWeights is null ? 0 : Dot(_energyWeights, p);
        double loss = -wa * (output[0] - _acc.Min) / _acc.Span + t1 * (lat - _lat.Min) / _lat.Span
            + (_energyWeights is null ? 0 : t2 * (en - _energy.Min) / _energy.Span);
        // d loss / d input of the accuracy net (straight-through: used as d loss / d y).
        var dIn = new double[f];
        _accuracy.Backward(workspace, [-wa / _acc.Span], default, dIn);
        Array.Clear(gradient);
        for (int g = 0; g < L.GeneCount; g++)
        {
            int off = L.Offset[g], n = L.Choices[g];
            // cost terms through p = softmax(logits): dp_i/dz_j = p_i (delta_ij - p_j)
            double sumCost = 0;
            for (int c = 0; c < n; c++)
            {
                double dc = t1 * _latencyWeights[off + c] / _lat.Span + (_energyWeights is null ? 0 : t2 * _energyWeights[off + c] / _energy.Span);
                sumCost += p[off + c] * dc;
            }
            // accuracy term through y = softmax((logits + gumbel) / T): dy_i/dz_j = y_i (delta_ij - y_j) / T
            double sumAcc = 0;
            for (int c = 0; c < n; c++) sumAcc += y[off + c] * dIn[off + c];
            for (int c = 0; c < n; c++)
            {
                double dc = t1 * _latencyWeights[off + c] / _lat.Span + (_energyWeights is null ? 0 : t2 * _energyWeights[off + c] / _energy.Span);
                gradient[off + c] = p[off + c] * (dc - sumCost) + y[off + c] * (dIn[off + c] - sumAcc) / temperature;
            }
        }
        return loss;
    }

    /// <summary>The accuracy network's output at the last <see cref="Loss"/> (the hard sample's accuracy under straight-through).</summary>
    public double LastNetworkOutput { get; private set; }

    private int RunOne(double t1, double t2, GradientSearchOptions o, Random rng, List<GradientPoint> evaluated)
    {
        int f = _layout.FeatureCount;
        var logits = new double[f];
        var adam = new Adam(f, o.LearningRate);
        var grad = new double[f];
        var sum = new double[f];
        var gumbel = new double[f];
        var genes = new int[_layout.GeneCount];
        var ws = _accuracy.CreateWorkspace(1);
        int calls = 0;
        for (int step = 0; step < o.Steps; step++)
        {
            Array.Clear(sum);
            for (int s = 0; s < o.SamplesPerStep; s++)
            {
                for (int i = 0; i < f; i++) gumbel[i] = -Math.Log(-Math.Log(Math.Max(rng.NextDouble(), 1e-300)));
                Loss(logits, gumbel, t1, t2, o.Temperature, o.Sampling, grad, ws, genes);
                calls++;
                if (o.Sampling == GradientSampling.StraightThrough)
                {
                    // The forward pass already scored this real architecture: no second call.
                    var x = new double[f];
                    _layout.Encode(genes, x);
                    evaluated.Add(new GradientPoint((int[])genes.Clone(), LastNetworkOutput, Dot(_latencyWeights, x), _energyWeights is null ? 0 : Dot(_energyWeights, x)));
                }
                else
                {
                    evaluated.Add(Evaluate(genes));
                    calls++;
                }
                for (int i = 0; i < f; i++) sum[i] += grad[i] / o.SamplesPerStep;
            }
            sum[^1] = 0; // the bias slot is not a choice
            adam.Step(logits, sum);
        }
        return calls;
    }

    /// <summary>Predicted accuracy, latency and energy of one hard architecture.</summary>
    public GradientPoint Evaluate(int[] genes)
    {
        var x = new double[_layout.FeatureCount];
        _layout.Encode(genes, x);
        double acc = _accuracy.Predict(x)[0];
        return new GradientPoint((int[])genes.Clone(), acc, Dot(_latencyWeights, x), _energyWeights is null ? 0 : Dot(_energyWeights, x));
    }

    private void Softmax(double[] logits, double[]? noise, double temperature, double[] result)
    {
        for (int g = 0; g < _layout.GeneCount; g++)
        {
            int off = _layout.Offset[g], n = _layout.Choices[g];
            double max = double.NegativeInfinity;
            for (int c = 0; c < n; c++) max = Math.Max(max, (logits[off + c] + (noise?[off + c] ?? 0)) / temperature);
            double z = 0;
            for (int c = 0; c < n; c++) z += result[off + c] = Math.Exp((logits[off + c] + (noise?[off + c] ?? 0)) / temperature - max);
            for (int c = 0; c < n; c++) result[off + c] /= z;
        }
        result[^1] = 1;
    }

    private static double Dot(double[] w, double[] x)
    {
        double s = 0;
        for (int i = 0; i < w.Length; i++) s += w[i] * x[i];
        return s;
    }
}

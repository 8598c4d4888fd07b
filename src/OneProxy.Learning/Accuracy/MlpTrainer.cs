using MathNet.Numerics.Distributions;
using OneProxy.SearchSpaces;

namespace OneProxy.Accuracy;

/// <summary>
/// Trains <see cref="MlpAccuracyPredictor"/> with Adam on mini-batches, He initialisation,
/// and early stopping on a held-out validation split (the best epoch's weights are kept).
/// Deterministic for a given <see cref="Random"/>.
/// </summary>
public static class MlpTrainer
{
    public static MlpAccuracyPredictor Train(ISearchSpace space, IReadOnlyList<Architecture> architectures, IReadOnlyList<double> accuracy,
        MlpOptions options, Random rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        options = options.Validated();
        if (architectures.Count != accuracy.Count)
            throw new ArgumentException($"{architectures.Count} architectures but {accuracy.Count} accuracies");
        if (architectures.Count < 10) throw new UnusableDataException($"need at least 10 training pairs, got {architectures.Count}");
        for (int i = 0; i < accuracy.Count; i++)
            if (!double.IsFinite(accuracy[i])) throw new UnusableDataException($"accuracy of training pair {i} is {accuracy[i]}: remove missing values first");

        int n = architectures.Count, f = space.FeatureCount;
        var x = new double[n][];
        for (int i = 0; i < n; i++) { x[i] = new double[f]; space.Encode(architectures[i], x[i]); }
        double mean = accuracy.Average();
        double std = Math.Sqrt(accuracy.Sum(a => (a - mean) * (a - mean)) / n);
        if (std == 0) std = 1; // constant accuracy: the net learns the constant through the mean
        var y = accuracy.Select(a => (a - mean) / std).ToArray();

        var order = Enumerable.Range(0, n).ToArray();
        rng.Shuffle(order);
        int nVal = (int)Math.Round(n * options.ValidationFraction);
        var val = order[..nVal];
        var train = order[nVal..];

        int[] sizes = [f, .. options.HiddenLayers, 1];
        int layers = sizes.Length - 1;
        var w = new double[layers][,];
        var b = new double[layers][];
        for (int l = 0; l < layers; l++)
        {
            w[l] = new double[sizes[l + 1], sizes[l]];
            b[l] = new double[sizes[l + 1]];
            double scale = Math.Sqrt(2.0 / sizes[l]);
            for (int o = 0; o < sizes[l + 1]; o++)
                for (int i = 0; i < sizes[l]; i++) w[l][o, i] = scale * Normal.Sample(rng, 0, 1);
        }
        var net = new MlpAccuracyPredictor(space, w, b, mean, std, n);
        var adam = new Adam(w, b, options.LearningRate);
        var acts = sizes[1..].Select(s => new double[s]).ToArray();
        var deltas = sizes[1..].Select(s => new double[s]).ToArray();
        var gw = w.Select(m => new double[m.GetLength(0), m.GetLength(1)]).ToArray();
        var gb = b.Select(v => new double[v.Length]).ToArray();

        double best = double.PositiveInfinity;
        var bestW = w.Select(m => (double[,])m.Clone()).ToArray();
        var bestB = b.Select(v => (double[])v.Clone()).ToArray();
        int sinceBest = 0;
        for (int epoch = 0; epoch < options.MaxEpochs; epoch++)
        {
            rng.Shuffle(train);
            for (int start = 0; start < train.Length; start += options.BatchSize)
            {
                int end = Math.Min(train.Length, start + options.BatchSize);
                foreach (var g in gw) Array.Clear(g);
                foreach (var g in gb) Array.Clear(g);
                for (int k = start; k < end; k++)
                {
                    int i = train[k];
                    double err = net.Forward(x[i], acts) - y[i];
                    Backward(net, x[i], acts, deltas, gw, gb, 2 * err / (end - start));
                }
                for (int l = 0; l < layers; l++)
                    for (int o = 0; o < gw[l].GetLength(0); o++)
                        for (int i = 0; i < gw[l].GetLength(1); i++) gw[l][o, i] += options.WeightDecay * w[l][o, i];
                adam.Step(gw, gb);
            }
            var check = nVal > 0 ? val : train;
            double loss = check.Sum(i => Math.Pow(net.Forward(x[i], acts) - y[i], 2)) / check.Length;
            if (loss < best - 1e-9)
            {
                best = loss;
                sinceBest = 0;
                for (int l = 0; l < layers; l++) { Array.Copy(w[l], bestW[l], w[l].Length); Array.Copy(b[l], bestB[l], b[l].Length); }
            }
            else if (++sinceBest >= options.Patience) break;
        }
        return new MlpAccuracyPredictor(space, bestW, bestB, mean, std, n);
    }

    private static void Backward(MlpAccuracyPredictor net, double[] x, double[][] acts, double[][] deltas, double[][,] gw, double[][] gb, double dOut)
    {
        var w = net.Weights;
        int last = w.Length - 1;
        deltas[last][0] = dOut;
        for (int l = last; l >= 0; l--)
        {
            var input = l == 0 ? x : acts[l - 1];
            var d = deltas[l];
            for (int o = 0; o < d.Length; o++)
            {
                if (d[o] == 0) continue;
                gb[l][o] += d[o];
                for (int i = 0; i < input.Length; i++) gw[l][o, i] += d[o] * input[i];
            }
            if (l == 0) break;
            var prev = deltas[l - 1];
            for (int i = 0; i < prev.Length; i++)
            {
                if (acts[l - 1][i] <= 0) { prev[i] = 0; continue; } // ReLU gate
                double s = 0;
                for (int o = 0; o < d.Length; o++) s += w[l][o, i] * d[o];
                prev[i] = s;
            }
        }
    }

    /// <summary>Adam (Kingma and Ba) with the usual betas 0.9 / 0.999 and bias correction.</summary>
    private sealed class Adam(double[][,] w, double[][] b, double lr)
    {
        private readonly double[][,] _mw = w.Select(m => new double[m.GetLength(0), m.GetLength(1)]).ToArray();
        private readonly double[][,] _vw = w.Select(m => new double[m.GetLength(0), m.GetLength(1)]).ToArray();
        private readonly double[][] _mb = b.Select(v => new double[v.Length]).ToArray();
        private readonly double[][] _vb = b.Select(v => new double[v.Length]).ToArray();
        private int _t;

        public void Step(double[][,] gw, double[][] gb)
        {
            const double b1 = 0.9, b2 = 0.999, eps = 1e-8;
            _t++;
            double c1 = 1 - Math.Pow(b1, _t), c2 = 1 - Math.Pow(b2, _t);
            for (int l = 0; l < w.Length; l++)
            {
                for (int o = 0; o < w[l].GetLength(0); o++)
                {
                    for (int i = 0; i < w[l].GetLength(1); i++)
                    {
                        double g = gw[l][o, i];
                        _mw[l][o, i] = b1 * _mw[l][o, i] + (1 - b1) * g;
                        _vw[l][o, i] = b2 * _vw[l][o, i] + (1 - b2) * g * g;
                        w[l][o, i] -= lr * (_mw[l][o, i] / c1) / (Math.Sqrt(_vw[l][o, i] / c2) + eps);
                    }
                    double gbv = gb[l][o];
                    _mb[l][o] = b1 * _mb[l][o] + (1 - b1) * gbv;
                    _vb[l][o] = b2 * _vb[l][o] + (1 - b2) * gbv * gbv;
                    b[l][o] -= lr * (_mb[l][o] / c1) / (Math.Sqrt(_vb[l][o] / c2) + eps);
                }
            }
        }
    }
}

using OneProxy.SearchSpaces;

namespace OneProxy.Accuracy;

/// <summary>
/// A small multilayer perceptron from a space's architecture encoding to accuracy (%):
/// ReLU hidden layers, linear output, trained on standardised accuracy with mean squared error.
/// Written by hand because no .NET neural-network library is on the package mirror; a few
/// thousand parameters need nothing more. Immutable once trained; <see cref="MlpFile"/> saves it.
/// </summary>
public sealed class MlpAccuracyPredictor : IAccuracySource
{
    private readonly ISearchSpace _space;

    public MlpAccuracyPredictor(ISearchSpace space, double[][,] weights, double[][] biases, double targetMean, double targetStd, int trainedOn)
    {
        if (weights.Length != biases.Length || weights.Length < 2) throw new ArgumentException($"need >= 2 layers with biases, got {weights.Length} weight and {biases.Length} bias arrays");
        if (weights[0].GetLength(1) != space.FeatureCount)
            throw new ArgumentException($"first layer takes {weights[0].GetLength(1)} features but {space.Name} encodes {space.FeatureCount}");
        for (int l = 0; l < weights.Length; l++)
        {
            if (weights[l].GetLength(0) != biases[l].Length) throw new ArgumentException($"layer {l}: {weights[l].GetLength(0)} units but {biases[l].Length} biases");
            if (l > 0 && weights[l].GetLength(1) != weights[l - 1].GetLength(0)) throw new ArgumentException($"layer {l} takes {weights[l].GetLength(1)} inputs, previous gives {weights[l - 1].GetLength(0)}");
        }
        if (weights[^1].GetLength(0) != 1) throw new ArgumentException("the last layer must have one output");
        _space = space;
        Weights = weights;
        Biases = biases;
        TargetMean = targetMean;
        TargetStd = targetStd;
        TrainedOn = trainedOn;
    }

    public string Name => $"mlp({string.Join("-", Weights.Select(w => w.GetLength(0)))})";
    public string Space => _space.Name;
    public double[][,] Weights { get; }
    public double[][] Biases { get; }
    public double TargetMean { get; }
    public double TargetStd { get; }

    /// <summary>Number of (architecture, accuracy) pairs it was trained on (validation split included).</summary>
    public int TrainedOn { get; }

    public double[] PredictAll(IReadOnlyList<Architecture> architectures)
    {
        ArgumentNullException.ThrowIfNull(architectures);
        var result = new double[architectures.Count];
        var x = new double[_space.FeatureCount];
        var buffers = Weights.Select(w => new double[w.GetLength(0)]).ToArray();
        for (int i = 0; i < architectures.Count; i++)
        {
            _space.Encode(architectures[i], x);
            result[i] = TargetMean + TargetStd * Forward(x, buffers);
        }
        return result;
    }

    /// <summary>Standardised output for one encoded input; <paramref name="activations"/> receives every layer's output.</summary>
    internal double Forward(ReadOnlySpan<double> x, double[][] activations)
    {
        ReadOnlySpan<double> input = x;
        for (int l = 0; l < Weights.Length; l++)
        {
            var w = Weights[l];
            var a = activations[l];
            bool relu = l < Weights.Length - 1;
            for (int o = 0; o < a.Length; o++)
            {
                double s = Biases[l][o];
                for (int i = 0; i < input.Length; i++) s += w[o, i] * input[i];
                a[o] = relu && s < 0 ? 0 : s;
            }
            input = a;
        }
        return activations[^1][0];
    }
}

using MathNet.Numerics.Distributions;
using System.Collections.ObjectModel;

namespace OneProxy.Learning;

/// <summary>
/// A fully connected feed-forward network of any layer sizes: z_l = W_l a_{l-1} + b_l, a_l = σ(z_l) for the hidden
/// layers (<see cref="HiddenActivation"/>), identity on the last layer, and the output multiplied by
/// <see cref="OutputScale"/> (NeuralUCB's √m). All weights live in one flat vector, <see cref="Parameters"/>, laid out
/// layer by layer as W_l (row-major, outputs × inputs) followed by b_l when <see cref="UseBias"/>; the optimiser, the
/// regulariser and gradient features all work on that vector.
/// <para>
/// <see cref="Forward"/> takes a batch of inputs and <see cref="Backward"/> returns, for any gradient of a loss with
/// respect to the outputs, the gradient with respect to the parameters (accumulated, summed over the batch) and with
/// respect to the inputs (per sample). Buffers live in a <see cref="NetworkWorkspace"/>, one per thread; the network
/// itself is not changed by either pass, so several threads may share it while nobody writes its parameters.
/// </para>
/// </summary>
public sealed class DenseNetwork
{
    private readonly int[] _sizes;
    private readonly int[] _weightOffset;
    private readonly int[] _biasOffset;

    /// <summary>Creates a network with all parameters zero; call <see cref="Initialize"/> or set <see cref="Parameters"/>.</summary>
    /// <param name="layerSizes">Input width, hidden widths, output width (at least two entries, all positive).</param>
    /// <param name="hiddenActivation">Activation of every layer but the last (the last is the identity).</param>
    /// <param name="useBias">Whether each layer has a bias vector (the thesis's QoE network has none).</param>
    /// <param name="outputScale">Factor on the output (1 for a plain MLP; √m in NeuralUCB's parameterisation).</param>
    public DenseNetwork(IReadOnlyList<int> layerSizes, Activation hiddenActivation = Activation.Relu, bool useBias = true, double outputScale = 1.0)
    {
        ArgumentNullException.ThrowIfNull(layerSizes);
        if (layerSizes.Count < 2) throw new ArgumentException($"need at least an input and an output size, got {layerSizes.Count} size(s)", nameof(layerSizes));
        for (int l = 0; l < layerSizes.Count; l++)
            if (layerSizes[l] < 1) throw new ArgumentException($"layer size {l} is {layerSizes[l]}; sizes must be >= 1", nameof(layerSizes));
        if (!double.IsFinite(outputScale) || outputScale == 0) throw new ArgumentException($"output scale must be finite and non-zero, got {outputScale}", nameof(outputScale));
        _sizes = [.. layerSizes];
        HiddenActivation = hiddenActivation;
        UseBias = useBias;
        OutputScale = outputScale;
        _weightOffset = new int[LayerCount];
        _biasOffset = new int[LayerCount];
        long offset = 0;
        for (int l = 0; l < LayerCount; l++)
        {
            _weightOffset[l] = (int)offset;
            offset += (long)_sizes[l] * _sizes[l + 1];
            _biasOffset[l] = useBias ? (int)offset : -1;
            if (useBias) offset += _sizes[l + 1];
            if (offset > Array.MaxLength) throw new ArgumentException($"{offset} parameters do not fit in one array", nameof(layerSizes));
        }
        Parameters = new double[offset];
        LayerSizes = new ReadOnlyCollection<int>(_sizes);
    }

    /// <summary>Input width, hidden widths, output width.</summary>
    public IReadOnlyList<int> LayerSizes { get; }

    /// <summary>Number of weight layers (sizes minus one).</summary>
    public int LayerCount => _sizes.Length - 1;

    public int InputSize => _sizes[0];
    public int OutputSize => _sizes[^1];
    public Activation HiddenActivation { get; }
    public bool UseBias { get; }
    public double OutputScale { get; }
    public int ParameterCount => Parameters.Length;

    /// <summary>The flat parameter vector (live: writing it changes the network). Layout in the class summary.</summary>
    public double[] Parameters { get; }

    /// <summary>Offset of layer <paramref name="layer"/>'s weight matrix (outputs × inputs, row-major) in <see cref="Parameters"/>.</summary>
    public int WeightOffset(int layer) => _weightOffset[CheckLayer(layer)];

    /// <summary>Offset of layer <paramref name="layer"/>'s bias vector in <see cref="Parameters"/>, or -1 without biases.</summary>
    public int BiasOffset(int layer) => _biasOffset[CheckLayer(layer)];

    /// <summary>Draws fresh weights (biases 0) with the given scheme; deterministic for a given <paramref name="rng"/> state.</summary>
    public void Initialize(WeightInit init, Random rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        Array.Clear(Parameters);
        switch (init)
        {
            case WeightInit.He:
                for (int l = 0; l < LayerCount; l++)
                {
                    double sd = Math.Sqrt(2.0 / _sizes[l]);
                    var w = Parameters.AsSpan(_weightOffset[l], _sizes[l] * _sizes[l + 1]);
                    for (int k = 0; k < w.Length; k++) w[k] = sd * Normal.Sample(rng, 0, 1);
                }
                break;
            case WeightInit.NeuralUcbSymmetric:
                InitializeSymmetric(rng);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(init), init, "unknown initialisation");
        }
    }

    private void InitializeSymmetric(Random rng)
    {
        if (OutputSize != 1) throw new ArgumentException($"the symmetric initialisation needs one output, this network has {OutputSize}");
        for (int l = 0; l < _sizes.Length - 1; l++)
            if (_sizes[l] % 2 != 0) throw new ArgumentException($"the symmetric initialisation needs even input and hidden widths; size {l} is {_sizes[l]}");
        for (int l = 0; l < LayerCount - 1; l++)
        {
            int inHalf = _sizes[l] / 2, outHalf = _sizes[l + 1] / 2, inputs = _sizes[l];
            double sd = Math.Sqrt(4.0 / _sizes[l + 1]);
            for (int o = 0; o < outHalf; o++)
                for (int i = 0; i < inHalf; i++)
                {
                    double v = sd * Normal.Sample(rng, 0, 1);
                    Parameters[_weightOffset[l] + o * inputs + i] = v;                              // top-left block W
                    Parameters[_weightOffset[l] + (o + outHalf) * inputs + i + inHalf] = v;         // bottom-right block W
                }
        }
        int last = LayerCount - 1, half = _sizes[last] / 2;
        double sdLast = Math.Sqrt(2.0 / _sizes[last]);
        for (int i = 0; i < half; i++)
        {
            double v = sdLast * Normal.Sample(rng, 0, 1);
            Parameters[_weightOffset[last] + i] = v;
            Parameters[_weightOffset[last] + i + half] = -v;
        }
    }

    /// <summary>A deep copy (same shape, same parameters).</summary>
    public DenseNetwork Clone()
    {
        var copy = new DenseNetwork(_sizes, HiddenActivation, UseBias, OutputScale);
        Parameters.CopyTo(copy.Parameters, 0);
        return copy;
    }

    /// <summary>Buffers for batches of up to <paramref name="capacity"/> samples; not thread-safe, one per thread.</summary>
    public NetworkWorkspace CreateWorkspace(int capacity = 1) => new(_sizes, capacity);

    /// <summary>Output for one input (allocates; use <see cref="Forward"/> with a workspace in loops).</summary>
    public double[] Predict(ReadOnlySpan<double> input)
    {
        var ws = CreateWorkspace(1);
        var output = new double[OutputSize];
        Forward(input, 1, ws, output);
        return output;
    }

    /// <summary>
    /// Forward pass over <paramref name="count"/> samples stored row by row in <paramref name="inputs"/> (count × InputSize);
    /// writes count × OutputSize values to <paramref name="outputs"/> and keeps the activations in <paramref name="workspace"/>
    /// for a following <see cref="Backward"/>.
    /// </summary>
    public void Forward(ReadOnlySpan<double> inputs, int count, NetworkWorkspace workspace, Span<double> outputs)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        workspace.CheckShape(_sizes);
        if (count < 1 || count > workspace.Capacity) throw new ArgumentOutOfRangeException(nameof(count), $"batch of {count} for a workspace of capacity {workspace.Capacity}");
        if (inputs.Length < count * InputSize) throw new ArgumentException($"{count} samples need {count * InputSize} input values, got {inputs.Length}", nameof(inputs));
        if (outputs.Length < count * OutputSize) throw new ArgumentException($"{count} samples need {count * OutputSize} output slots, got {outputs.Length}", nameof(outputs));
        workspace.Count = count;
        DenseKernels.Transpose(inputs, count, InputSize, workspace.Activations[0]);
        for (int l = 0; l < LayerCount; l++)
        {
            bool last = l == LayerCount - 1;
            DenseKernels.LayerForward(Parameters.AsSpan(_weightOffset[l], _sizes[l] * _sizes[l + 1]),
                UseBias ? Parameters.AsSpan(_biasOffset[l], _sizes[l + 1]) : default,
                workspace.Activations[l], workspace.Activations[l + 1], _sizes[l], _sizes[l + 1], count,
                relu: !last && HiddenActivation == Activation.Relu, scale: last ? OutputScale : 1.0);
        }
        DenseKernels.Transpose(workspace.Activations[LayerCount], OutputSize, count, outputs);
        workspace.Valid = true;
    }

    /// <summary>
    /// Backward pass for the batch of the last <see cref="Forward"/> on <paramref name="workspace"/>.
    /// <paramref name="outputGradients"/> holds ∂loss/∂output per sample (count × OutputSize). The parameter gradient,
    /// summed over the batch, is ADDED to <paramref name="parameterGradient"/> (length ParameterCount; pass an empty span
    /// to skip it); ∂loss/∂input per sample is WRITTEN to <paramref name="inputGradients"/> (count × InputSize; empty
    /// span to skip).
    /// </summary>
    public void Backward(NetworkWorkspace workspace, ReadOnlySpan<double> outputGradients, Span<double> parameterGradient, Span<double> inputGradients)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        workspace.CheckShape(_sizes);
        if (!workspace.Valid) throw new InvalidOperationException("Backward needs a Forward on the same workspace first");
        int n = workspace.Count;
        if (outputGradients.Length < n * OutputSize) throw new ArgumentException($"{n} samples need {n * OutputSize} output gradients, got {outputGradients.Length}", nameof(outputGradients));
        bool wantParams = !parameterGradient.IsEmpty, wantInputs = !inputGradients.IsEmpty;
        if (wantParams && parameterGradient.Length != ParameterCount) throw new ArgumentException($"parameter gradient has {parameterGradient.Length} entries, the network {ParameterCount}", nameof(parameterGradient));
        if (wantInputs && inputGradients.Length < n * InputSize) throw new ArgumentException($"{n} samples need {n * InputSize} input-gradient slots, got {inputGradients.Length}", nameof(inputGradients));

        var delta = workspace.DeltaA;
        var spare = workspace.DeltaB;
        DenseKernels.Transpose(outputGradients, n, OutputSize, delta);
        DenseKernels.Scale(delta.AsSpan(0, n * OutputSize), OutputScale);
        for (int l = LayerCount - 1; l >= 0; l--)
        {
            int fanIn = _sizes[l], fanOut = _sizes[l + 1];
            var w = Parameters.AsSpan(_weightOffset[l], fanIn * fanOut);
            if (wantParams)
                DenseKernels.AccumulateWeightGradient(delta, workspace.Activations[l], fanOut, fanIn, n,
                    parameterGradient.Slice(_weightOffset[l], fanIn * fanOut),
                    UseBias ? parameterGradient.Slice(_biasOffset[l], fanOut) : default);
            if (l == 0 && !wantInputs) break;
            DenseKernels.PropagateDelta(w, delta, spare, fanOut, fanIn, n);
            if (l > 0 && HiddenActivation == Activation.Relu) DenseKernels.ReluGate(spare, workspace.Activations[l], fanIn * n);
            (delta, spare) = (spare, delta);
        }
        if (wantInputs) DenseKernels.Transpose(delta, InputSize, n, inputGradients);
    }

    private int CheckLayer(int layer) =>
        layer >= 0 && layer < LayerCount ? layer : throw new ArgumentOutOfRangeException(nameof(layer), $"layer {layer} of a {LayerCount}-layer network");
}

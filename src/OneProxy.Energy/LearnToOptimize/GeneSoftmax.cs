using OneProxy.Energy.Gradient;

namespace OneProxy.Energy.LearnToOptimize;

/// <summary>
/// Per-gene softmax over the optimizer network's logits: logits hold one slot per choice
/// (<see cref="OneHotLayout.FeatureCount"/> - 1 values, the layout's order), the soft one-hot
/// holds the same slots plus the constant bias 1 last, so it can be fed to networks trained on
/// <see cref="OneHotLayout.Encode"/>'s encoding. The design of a soft one-hot is its argmax per gene.
/// </summary>
public static class GeneSoftmax
{
    /// <summary>p = softmax(logits / temperature) per gene, written to <paramref name="soft"/> (FeatureCount values, bias 1 last).</summary>
    public static void Forward(OneHotLayout layout, ReadOnlySpan<double> logits, double temperature, Span<double> soft)
    {
        CheckSizes(layout, logits.Length, soft.Length);
        for (int g = 0; g < layout.GeneCount; g++)
        {
            int off = layout.Offset[g], n = layout.Choices[g];
            double max = double.NegativeInfinity;
            for (int c = 0; c < n; c++) max = Math.Max(max, logits[off + c] / temperature);
            double z = 0;
            for (int c = 0; c < n; c++) z += soft[off + c] = Math.Exp(logits[off + c] / temperature - max);
            for (int c = 0; c < n; c++) soft[off + c] /= z;
        }
        soft[^1] = 1;
    }

    /// <summary>
    /// Chain rule through the softmax: given dL/dp (FeatureCount values; the bias slot is ignored)
    /// writes dL/dlogits = p ⊙ (dL/dp − Σ_c p_c dL/dp_c) / temperature per gene.
    /// </summary>
    public static void Backward(OneHotLayout layout, ReadOnlySpan<double> soft, ReadOnlySpan<double> dSoft, double temperature, Span<double> dLogits)
    {
        CheckSizes(layout, dLogits.Length, soft.Length);
        for (int g = 0; g < layout.GeneCount; g++)
        {
            int off = layout.Offset[g], n = layout.Choices[g];
            double dot = 0;
            for (int c = 0; c < n; c++) dot += soft[off + c] * dSoft[off + c];
            for (int c = 0; c < n; c++) dLogits[off + c] = soft[off + c] * (dSoft[off + c] - dot) / temperature;
        }
    }

    /// <summary>The design: argmax per gene (ties to the lower choice).</summary>
    public static int[] Decode(OneHotLayout layout, ReadOnlySpan<double> values)
    {
        var genes = new int[layout.GeneCount];
        for (int g = 0; g < layout.GeneCount; g++)
        {
            int off = layout.Offset[g], best = 0;
            for (int c = 1; c < layout.Choices[g]; c++) if (values[off + c] > values[off + best]) best = c;
            genes[g] = best;
        }
        return genes;
    }

    private static void CheckSizes(OneHotLayout layout, int logits, int soft)
    {
        if (logits != layout.FeatureCount - 1) throw new ArgumentException($"the layout has {layout.FeatureCount - 1} choices, got {logits} logits");
        if (soft != layout.FeatureCount) throw new ArgumentException($"the layout has {layout.FeatureCount} features, got a buffer of {soft}");
    }
}

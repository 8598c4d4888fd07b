namespace OneProxy.Energy.Gradient;

/// <summary>
/// Where gene g's choice c sits in a one-hot encoding: feature <c>Offset[g] + c</c>, with a
/// constant 1 last (the bias). NAS-Bench-201 (6 x 5 + 1) and FBNet (22 x 9 + 1) encode this way;
/// spaces whose features mix genes (MobileNet-V2's depth masks) do not, and are refused by the
/// caller that builds the layout.
/// </summary>
public sealed class OneHotLayout
{
    public OneHotLayout(IReadOnlyList<int> geneChoices)
    {
        ArgumentNullException.ThrowIfNull(geneChoices);
        if (geneChoices.Count == 0) throw new ArgumentException("need at least one gene");
        Choices = geneChoices.ToArray();
        Offset = new int[Choices.Length];
        int o = 0;
        for (int g = 0; g < Choices.Length; g++)
        {
            if (Choices[g] < 1) throw new ArgumentException($"gene {g} has {Choices[g]} choices");
            Offset[g] = o;
            o += Choices[g];
        }
        FeatureCount = o + 1;
    }

    public int[] Choices { get; }
    public int[] Offset { get; }
    public int GeneCount => Choices.Length;

    /// <summary>One-hot slots plus the bias.</summary>
    public int FeatureCount { get; }

    /// <summary>Writes the one-hot encoding of <paramref name="genes"/> (bias 1 last).</summary>
    public void Encode(ReadOnlySpan<int> genes, Span<double> features)
    {
        features.Clear();
        for (int g = 0; g < Choices.Length; g++) features[Offset[g] + genes[g]] = 1;
        features[^1] = 1;
    }
}

namespace OneProxy.SearchSpaces;

/// <summary>Sampling, mutation and crossover over any space's genes (OFA's evolution seams).</summary>
public static class GeneOperators
{
    /// <summary>Uniform over genes, then canonicalised. For spaces with depth genes this is
    /// OFA's sampler (uniform per choice), not uniform over distinct networks.</summary>
    public static Architecture Sample(this ISearchSpace space, Random rng)
    {
        var choices = space.GeneChoices;
        Span<int> genes = stackalloc int[choices.Count];
        for (int i = 0; i < genes.Length; i++) genes[i] = rng.Next(choices[i]);
        return space.Canonicalize(genes);
    }

    /// <summary>Each gene is resampled uniformly with probability <paramref name="probability"/>.</summary>
    public static Architecture Mutate(this ISearchSpace space, Architecture parent, double probability, Random rng)
    {
        if (probability is < 0 or > 1 || double.IsNaN(probability))
            throw new ArgumentOutOfRangeException(nameof(probability), probability, "mutation probability must be in [0, 1]");
        var choices = space.GeneChoices;
        Span<int> genes = stackalloc int[choices.Count];
        parent.Genes.CopyTo(genes);
        for (int i = 0; i < genes.Length; i++)
            if (rng.NextDouble() < probability) genes[i] = rng.Next(choices[i]);
        return space.Canonicalize(genes);
    }

    /// <summary>Uniform crossover: each gene from either parent with equal probability.</summary>
    public static Architecture Crossover(this ISearchSpace space, Architecture a, Architecture b, Random rng)
    {
        if (a.Length != b.Length)
            throw new ArgumentException($"parents have {a.Length} and {b.Length} genes", nameof(b));
        Span<int> genes = stackalloc int[a.Length];
        for (int i = 0; i < genes.Length; i++) genes[i] = rng.Next(2) == 0 ? a[i] : b[i];
        return space.Canonicalize(genes);
    }

    /// <summary>
    /// <paramref name="count"/> distinct architectures. Rejection sampling is bounded: it stops
    /// with a clear error if the space is too small or the draws keep repeating.
    /// </summary>
    public static IReadOnlyList<Architecture> SampleDistinct(this ISearchSpace space, int count, Random rng)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (space.Size < count)
            throw new UnusableDataException($"cannot sample {count} distinct architectures from {space.Name}, which has {space.Size}");
        var seen = new HashSet<Architecture>();
        var result = new List<Architecture>(count);
        long attempts = 0, limit = 100L * count + 1000;
        while (result.Count < count)
        {
            if (++attempts > limit)
                throw new UnusableDataException($"gave up after {limit} draws with {result.Count}/{count} distinct architectures of {space.Name}");
            var a = space.Sample(rng);
            if (seen.Add(a)) result.Add(a);
        }
        return result;
    }

    /// <summary>Encodes many architectures into one row-major matrix (rows x FeatureCount).</summary>
    public static double[,] EncodeAll(this ISearchSpace space, IReadOnlyList<Architecture> architectures)
    {
        var m = new double[architectures.Count, space.FeatureCount];
        var row = new double[space.FeatureCount];
        for (int r = 0; r < architectures.Count; r++)
        {
            Array.Clear(row);
            space.Encode(architectures[r], row);
            for (int c = 0; c < row.Length; c++) m[r, c] = row[c];
        }
        return m;
    }
}

using MathNet.Numerics.Statistics;

namespace OneProxy.Monotonicity;

/// <summary>
/// How well does an SRCC computed from k measured architectures estimate the SRCC over the
/// whole set (Fig. 3.11(b)(c))? Draws k distinct architectures R times, each with the injected
/// random generator, and summarises the estimates.
/// </summary>
public static class SrccEstimator
{
    public static SrccEstimate Estimate(ReadOnlySpan<double> x, ReadOnlySpan<double> y, int sampleSize, int repetitions, Random rng)
    {
        if (x.Length != y.Length) throw new ArgumentException($"inputs differ in length: {x.Length} vs {y.Length}");
        if (sampleSize < 2) throw new InvalidOptionException("samples", $"need at least 2 architectures to estimate an SRCC (got {sampleSize})");
        if (repetitions < 1) throw new InvalidOptionException("repetitions", $"need at least one repetition (got {repetitions})");
        var eligible = new List<int>(x.Length);
        for (int i = 0; i < x.Length; i++)
            if (!double.IsNaN(x[i]) && !double.IsNaN(y[i])) eligible.Add(i);
        if (sampleSize > eligible.Count)
            throw new InvalidOptionException("samples", $"{sampleSize} is more than the {eligible.Count} architectures measured on both devices");
        var (truth, _) = Spearman.PairwiseComplete(x, y);
        var pool = eligible.ToArray();
        var estimates = new double[repetitions];
        var xs = new double[sampleSize];
        var ys = new double[sampleSize];
        for (int r = 0; r < repetitions; r++)
        {
            PartialShuffle(pool, sampleSize, rng);
            for (int i = 0; i < sampleSize; i++) { xs[i] = x[pool[i]]; ys[i] = y[pool[i]]; }
            estimates[r] = Spearman.Correlation(xs, ys);
        }
        var valid = estimates.Where(v => !double.IsNaN(v)).ToArray();
        if (valid.Length == 0)
            return new SrccEstimate(sampleSize, repetitions, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
        return new SrccEstimate(sampleSize, repetitions, valid.Mean(), valid.Length > 1 ? valid.StandardDeviation() : 0,
            valid.Min(), valid.Max(), valid.Select(v => Math.Abs(v - truth)).Average());
    }

    /// <summary>Moves a uniform random k-subset of <paramref name="pool"/> to its front (partial Fisher-Yates).</summary>
    public static void PartialShuffle(int[] pool, int k, Random rng)
    {
        for (int i = 0; i < k; i++)
        {
            int j = rng.Next(i, pool.Length);
            (pool[i], pool[j]) = (pool[j], pool[i]);
        }
    }
}

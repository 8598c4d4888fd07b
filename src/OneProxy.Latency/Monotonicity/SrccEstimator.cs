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
        var eligible = MeasuredOnBoth(x, y);
        if (sampleSize > eligible.Length)
            throw new InvalidOptionException("samples", $"{sampleSize} is more than the {eligible.Length} architectures measured on both devices");
        var (truth, _) = Spearman.PairwiseComplete(x, y);
        return Estimate(x, y, sampleSize, repetitions, rng, truth, eligible);
    }

    /// <summary>
    /// As above with the SRCC over all rows and the rows measured on both devices given, so that
    /// several sample sizes over millions of rows compute them once. Draws are the same.
    /// </summary>
    public static SrccEstimate Estimate(ReadOnlySpan<double> x, ReadOnlySpan<double> y, int sampleSize, int repetitions, Random rng,
        double truth, int[] eligible)
    {
        if (x.Length != y.Length) throw new ArgumentException($"inputs differ in length: {x.Length} vs {y.Length}");
        if (sampleSize < 2) throw new InvalidOptionException("samples", $"need at least 2 architectures to estimate an SRCC (got {sampleSize})");
        if (repetitions < 1) throw new InvalidOptionException("repetitions", $"need at least one repetition (got {repetitions})");
        if (sampleSize > eligible.Length)
            throw new InvalidOptionException("samples", $"{sampleSize} is more than the {eligible.Length} architectures measured on both devices");
        var pool = (int[])eligible.Clone(); // every sample size starts from the same order, as before
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

    /// <summary>Rows where neither value is missing, in row order.</summary>
    public static int[] MeasuredOnBoth(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        int n = 0;
        for (int i = 0; i < x.Length; i++) if (!double.IsNaN(x[i]) && !double.IsNaN(y[i])) n++;
        var rows = new int[n];
        for (int i = 0, k = 0; i < x.Length; i++) if (!double.IsNaN(x[i]) && !double.IsNaN(y[i])) rows[k++] = i;
        return rows;
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

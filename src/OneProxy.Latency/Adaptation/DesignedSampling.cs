namespace OneProxy.Adaptation;

/// <summary>
/// Chooses which architectures to measure next. k-center (Gonzalez's farthest-first greedy, a
/// 2-approximation of the k-center objective) spreads the first batch over the encoded space;
/// the next batches are drawn, again farthest-first, from the fraction of the pool whose
/// normalised ranks the predictors disagree on most, so they go where the last batch left the
/// ranking in doubt. Deterministic given the pool order and the starting row.
/// </summary>
public static class DesignedSampling
{
    /// <summary>
    /// Extends <paramref name="chosen"/> (pool rows, kept) by <paramref name="count"/> rows of
    /// <paramref name="features"/> (rows x d), each the farthest (squared Euclidean) from
    /// everything chosen so far, among <paramref name="allowed"/> rows (null: all). With nothing
    /// chosen yet, <paramref name="start"/> is taken first.
    /// </summary>
    public static void KCenter(double[,] features, List<int> chosen, int count, int start, bool[]? allowed = null, CancellationToken cancellation = default)
    {
        int n = features.GetLength(0), d = features.GetLength(1);
        if (start < 0 || start >= n) throw new ArgumentOutOfRangeException(nameof(start), start, $"pool has {n} rows");
        if (allowed is not null && allowed.Length != n) throw new ArgumentException($"allowed has {allowed.Length} entries for {n} rows");
        var dist = new double[n];
        Array.Fill(dist, double.PositiveInfinity);
        var taken = new bool[n];
        void Add(int r)
        {
            taken[r] = true;
            for (int i = 0; i < n; i++)
            {
                double s = 0;
                for (int c = 0; c < d; c++) { double t = features[i, c] - features[r, c]; s += t * t; }
                if (s < dist[i]) dist[i] = s;
            }
        }
        foreach (var r in chosen) Add(r);
        int target = chosen.Count + count;
        if (chosen.Count == 0 && count > 0) { chosen.Add(start); Add(start); }
        while (chosen.Count < target)
        {
            cancellation.ThrowIfCancellationRequested();
            int best = -1;
            double far = -1;
            for (int i = 0; i < n; i++)
                if (!taken[i] && (allowed is null || allowed[i]) && dist[i] > far) { far = dist[i]; best = i; }
            if (best < 0) break; // the allowed rows are used up
            chosen.Add(best);
            Add(best);
        }
    }

    /// <summary>
    /// Per pool row, the standard deviation across <paramref name="predictions"/> (one array per
    /// predictor) of the row's rank divided by the pool size: 0 where every predictor agrees.
    /// </summary>
    public static double[] RankDisagreement(IReadOnlyList<double[]> predictions)
    {
        if (predictions.Count == 0) throw new ArgumentException("no predictors");
        int n = predictions[0].Length;
        var sum = new double[n];
        var sq = new double[n];
        foreach (var p in predictions)
        {
            if (p.Length != n) throw new ArgumentException($"predictions have {p.Length} and {n} rows");
            var ranks = OneProxy.Monotonicity.Ranking.AverageRanks(p);
            for (int i = 0; i < n; i++) { double r = ranks[i] / n; sum[i] += r; sq[i] += r * r; }
        }
        int m = predictions.Count;
        var sd = new double[n];
        for (int i = 0; i < n; i++) sd[i] = Math.Sqrt(Math.Max(0, sq[i] / m - (sum[i] / m) * (sum[i] / m)));
        return sd;
    }

    /// <summary>The top <paramref name="fraction"/> of rows by <paramref name="score"/> (at least <paramref name="minimum"/>), as a mask.</summary>
    public static bool[] TopFraction(double[] score, double fraction, int minimum)
    {
        int n = score.Length, keep = Math.Min(n, Math.Max(minimum, (int)Math.Ceiling(fraction * n)));
        var order = Enumerable.Range(0, n).OrderByDescending(i => score[i]).ThenBy(i => i).Take(keep);
        var mask = new bool[n];
        foreach (var i in order) mask[i] = true;
        return mask;
    }
}

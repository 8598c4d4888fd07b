namespace OneProxy.Adaptation;

/// <summary>One candidate for the automatic choice: its out-of-sample predictions on the target samples.</summary>
/// <param name="OutOfSample">Predictions for each sample made without that sample (for unfitted candidates, the plain predictions).</param>
/// <param name="Multiplicity">How many alternatives this candidate was picked from on the same samples (the best of 25 library devices: 25).</param>
/// <param name="Complexity">0 for the raw proxy; larger is more flexible. Ties in the shrunk gain go to the simpler one.</param>
public sealed record SelectionCandidate(double[] OutOfSample, int Multiplicity, int Complexity);

/// <summary>What <see cref="AutoSelection.Choose"/> decided: the index, its raw and shrunk gain over the baseline (pairwise agreement).</summary>
public sealed record SelectionOutcome(int Chosen, double Gain, double ShrunkGain);

/// <summary>
/// Chooses among candidates by pairwise rank agreement of out-of-sample predictions with the
/// measured latencies, shrunk towards the baseline (candidate 0, the raw proxy): a candidate
/// replaces the baseline only if its gain in agreeing pairs exceeds z standard errors
/// (jackknife over samples, so the dependence of pairs sharing a sample is counted), with
/// z grown by sqrt(2 ln m) for a candidate that is the best of m alternatives (a union bound:
/// the best of 25 devices beats the proxy on 10 pairs by luck alone), and by sqrt((n-1)/(n-3)) on n
/// samples, where the jackknife itself is unreliable. On 5-10 samples a
/// cross-validated SRCC picks a flexible method by chance often (issue 19: AdaProxy CV 0.900,
/// true -0.979); requiring evidence beyond noise is what keeps auto from doing worse than nothing.
/// </summary>
public static class AutoSelection
{
    /// <summary>
    /// Up to this many samples a candidate must also beat the baseline on every leave-one-sample-out
    /// replicate: on 5 samples one lucky pair decides a z-test (10 pairs), and auto fell up to 0.026
    /// below the raw proxy there (docs/adaptation.md, item 3).
    /// </summary>
    public const int AllReplicatesUpTo = 6;

    public static SelectionOutcome Choose(IReadOnlyList<SelectionCandidate> candidates, ReadOnlySpan<double> y, double z)
    {
        if (candidates.Count == 0) throw new ArgumentException("no candidates");
        int n = y.Length;
        foreach (var c in candidates)
            if (c.OutOfSample.Length != n) throw new ArgumentException($"candidate has {c.OutOfSample.Length} predictions for {n} samples");
        var yy = y.ToArray();
        if (n <= 3) return new SelectionOutcome(0, 0, 0); // no evidence can beat the baseline on 3 points
        // The jackknife understates the spread on a handful of samples; widen like a t quantile would.
        double small = Math.Sqrt((n - 1.0) / (n - 3.0));
        var baseline = Agreement(candidates[0].OutOfSample, yy);
        int best = 0;
        double bestShrunk = 0, bestGain = 0;
        for (int c = 1; c < candidates.Count; c++)
        {
            var cand = candidates[c];
            if (IsConstant(cand.OutOfSample)) continue; // ranks nothing: never chosen
            var a = Agreement(cand.OutOfSample, yy);
            var (gain, se, worstReplicate) = GainAndJackknifeSe(a, baseline, n);
            if (n <= AllReplicatesUpTo && !(worstReplicate > 0)) continue;
            double zc = (z + Math.Sqrt(2 * Math.Log(Math.Max(1, cand.Multiplicity)))) * small;
            double shrunk = gain - zc * se;
            bool better = shrunk > bestShrunk + 1e-12
                || (Math.Abs(shrunk - bestShrunk) <= 1e-12 && best != 0 && cand.Complexity < candidates[best].Complexity);
            if (shrunk > 1e-12 && better) { best = c; bestShrunk = shrunk; bestGain = gain; }
        }
        return new SelectionOutcome(best, bestGain, bestShrunk);
    }

    public static bool IsConstant(double[] v)
    {
        for (int i = 1; i < v.Length; i++) if (v[i] != v[0]) return false;
        return true;
    }

    /// <summary>Per pair (i &lt; j, y_i != y_j, row-major): 1 if the prediction orders it as y does, 0.5 on a predicted tie, 0 otherwise.</summary>
    private static double[,] Agreement(double[] p, double[] y)
    {
        int n = y.Length;
        var a = new double[n, n];
        for (int i = 0; i < n; i++)
            for (int j = i + 1; j < n; j++)
            {
                if (y[i] == y[j]) { a[i, j] = double.NaN; continue; }
                double s = Math.Sign(p[i] - p[j]) * Math.Sign(y[i] - y[j]);
                a[i, j] = s > 0 ? 1 : s < 0 ? 0 : 0.5;
            }
        return a;
    }

    /// <summary>Mean agreement difference over usable pairs, its jackknife (leave-one-sample-out) standard error, and the smallest leave-one-out gain.</summary>
    private static (double Gain, double Se, double WorstReplicate) GainAndJackknifeSe(double[,] a, double[,] b, int n)
    {
        // Sum of differences and pair counts in total and touching each sample.
        double total = 0;
        int pairs = 0;
        var bySample = new double[n];
        var countBySample = new int[n];
        for (int i = 0; i < n; i++)
            for (int j = i + 1; j < n; j++)
            {
                if (double.IsNaN(a[i, j])) continue;
                double d = a[i, j] - b[i, j];
                total += d;
                pairs++;
                bySample[i] += d; bySample[j] += d;
                countBySample[i]++; countBySample[j]++;
            }
        if (pairs == 0) return (0, double.PositiveInfinity, double.NaN);
        double gain = total / pairs;
        var loo = new double[n];
        int m = 0;
        double mean = 0;
        for (int i = 0; i < n; i++)
        {
            int left = pairs - countBySample[i];
            if (left == 0) return (gain, double.PositiveInfinity, double.NaN);
            loo[m] = (total - bySample[i]) / left;
            mean += loo[m++];
        }
        mean /= m;
        double ss = 0;
        for (int i = 0; i < m; i++) ss += (loo[i] - mean) * (loo[i] - mean);
        return (gain, Math.Sqrt((m - 1.0) / m * ss), loo[..m].Min());
    }
}

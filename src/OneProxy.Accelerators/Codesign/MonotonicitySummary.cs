using OneProxy.Monotonicity;

namespace OneProxy.Accelerators.Codesign;

/// <summary>SRCC between accelerators over a model set: share of pairs above a threshold, per-accelerator means.</summary>
public sealed record MonotonicitySummary(SrccMatrix Matrix, double ShareAbove, double Threshold, double MinSrcc, double[] MeanPerAccelerator)
{
    public static MonotonicitySummary Compute(IReadOnlyList<string> names, double[][] columns, double threshold)
    {
        var m = SrccMatrix.Compute(names, columns);
        int n = names.Count, above = 0, pairs = 0;
        double min = 1;
        var mean = new double[n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                if (i == j) continue;
                mean[i] += m[i, j] / (n - 1);
                if (j < i) continue;
                pairs++;
                if (m[i, j] > threshold) above++;
                min = Math.Min(min, m[i, j]);
            }
        return new MonotonicitySummary(m, pairs == 0 ? 1 : above / (double)pairs, threshold, min, mean);
    }
}

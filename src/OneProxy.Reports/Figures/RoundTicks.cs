namespace OneProxy.Reports.Figures;

/// <summary>
/// Tick positions at round steps (1, 2 or 5 times a power of ten) covering a range, so labels read
/// 0/20/40 rather than 1.64/3.29/4.93. The step is the smallest round one giving at most
/// <c>maxTicks</c> ticks inside the range.
/// </summary>
public static class RoundTicks
{
    private static readonly double[] Mantissas = [1, 2, 5];

    /// <summary>The round step for [lo, hi] with at most <paramref name="maxTicks"/> ticks.</summary>
    public static double Step(double lo, double hi, int maxTicks = 6)
    {
        if (!double.IsFinite(lo) || !double.IsFinite(hi) || hi <= lo) throw new ArgumentException($"range [{lo}, {hi}] is empty or not finite");
        if (maxTicks < 2) throw new ArgumentOutOfRangeException(nameof(maxTicks), maxTicks, "need at least 2 ticks");
        double raw = (hi - lo) / (maxTicks - 1);
        double power = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        // At most 4 candidates: 1, 2, 5 of this power, then 10 of it (= 1 of the next).
        foreach (var m in Mantissas)
            if (Count(lo, hi, m * power) <= maxTicks) return m * power;
        return 10 * power;
    }

    /// <summary>Ticks k·step inside [lo, hi] (tolerant to rounding at the ends).</summary>
    public static double[] Inside(double lo, double hi, int maxTicks = 6)
    {
        double step = Step(lo, hi, maxTicks);
        long first = (long)Math.Ceiling(lo / step - 1e-9), last = (long)Math.Floor(hi / step + 1e-9);
        var ticks = new double[last - first + 1];
        for (long k = first; k <= last; k++) ticks[k - first] = Math.Round(k * step, 12);
        return ticks;
    }

    /// <summary>True when <paramref name="value"/> is k·(1, 2 or 5)·10^p for an integer k (the test's definition of round).</summary>
    public static bool IsRoundStep(double step)
    {
        if (!(step > 0) || !double.IsFinite(step)) return false;
        double m = step / Math.Pow(10, Math.Floor(Math.Log10(step) + 1e-12));
        return Mantissas.Any(x => Math.Abs(m - x) < 1e-9) || Math.Abs(m - 10) < 1e-9;
    }

    private static long Count(double lo, double hi, double step) =>
        (long)Math.Floor(hi / step + 1e-9) - (long)Math.Ceiling(lo / step - 1e-9) + 1;
}

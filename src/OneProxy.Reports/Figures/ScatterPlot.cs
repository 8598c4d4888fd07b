using ScottPlot;

namespace OneProxy.Reports.Figures;

/// <summary>One set of points of <see cref="ScatterPlot"/> (x and y of equal length; non-finite pairs are skipped).</summary>
public sealed record ScatterSeries(string Name, IReadOnlyList<double> X, IReadOnlyList<double> Y, string Color);

/// <summary>
/// Points of several sets on shared axes (e.g. energy against latency per search space): a colour and a
/// marker per set, the legend naming each set with its point count, the frame padded so every point
/// lies inside it, round ticks on both axes. Larger sets are drawn first so smaller ones stay visible.
/// </summary>
public static class ScatterPlot
{
    /// <summary>Fraction of each range added on both sides, so markers on the extremes are not cut by the frame.</summary>
    public const double Padding = 0.04;

    public static Figure Create(string title, string xLabel, string yLabel, IReadOnlyList<ScatterSeries> series)
    {
        ArgumentNullException.ThrowIfNull(series);
        foreach (var s in series)
            if (s.X.Count != s.Y.Count) throw new ArgumentException($"series '{s.Name}' has {s.X.Count} x values and {s.Y.Count} y values");
        var points = series.Select(s => Enumerable.Range(0, s.X.Count).Where(i => double.IsFinite(s.X[i]) && double.IsFinite(s.Y[i])).ToArray()).ToArray();
        if (points.All(p => p.Length == 0)) throw new UnusableDataException("nothing to plot: every series is empty");

        var xs = series.SelectMany((s, k) => points[k].Select(i => s.X[i])).ToArray();
        var ys = series.SelectMany((s, k) => points[k].Select(i => s.Y[i])).ToArray();
        var (x0, x1) = Padded(xs.Min(), xs.Max());
        var (y0, y1) = Padded(ys.Min(), ys.Max());

        var plot = FigureStyle.NewPlot(title, xLabel, yLabel);
        foreach (int k in Enumerable.Range(0, series.Count).OrderByDescending(k => points[k].Length).ThenBy(k => k))
        {
            var s = series[k];
            if (points[k].Length == 0) continue;
            var m = plot.Add.Markers(points[k].Select(i => s.X[i]).ToArray(), points[k].Select(i => s.Y[i]).ToArray(),
                FigureStyle.Markers[k % FigureStyle.Markers.Length], 5, FigureStyle.Parse(s.Color));
            m.LegendText = $"{SvgText.Clean(s.Name)} ({points[k].Length})";
        }
        plot.Axes.SetLimits(x0, x1, y0, y1);
        FigureStyle.SetRoundTicks(plot.Axes.Bottom, x0, x1);
        FigureStyle.SetRoundTicks(plot.Axes.Left, y0, y1);
        plot.ShowLegend(EmptiestCorner(xs, ys, x0, x1, y0, y1));
        return new Figure(plot, FigureStyle.Width, FigureStyle.Height);
    }

    /// <summary>
    /// The corner whose box (half the width, a third of the height) holds the fewest points, so the legend
    /// hides as little data as possible; ties keep the first of upper left, upper right, lower right, lower left.
    /// </summary>
    internal static Alignment EmptiestCorner(double[] xs, double[] ys, double x0, double x1, double y0, double y1) =>
        EmptiestCornerWithCount(xs, ys, x0, x1, y0, y1).Corner;

    /// <summary>As <see cref="EmptiestCorner"/>, with the number of points inside that corner's box.</summary>
    internal static (Alignment Corner, int Points) EmptiestCornerWithCount(double[] xs, double[] ys, double x0, double x1, double y0, double y1)
    {
        (Alignment Corner, bool Left, bool Upper)[] corners =
            [(Alignment.UpperLeft, true, true), (Alignment.UpperRight, false, true), (Alignment.LowerRight, false, false), (Alignment.LowerLeft, true, false)];
        double xm = x0 + 0.5 * (x1 - x0), yLow = y0 + (y1 - y0) / 3, yHigh = y1 - (y1 - y0) / 3;
        int Count(bool left, bool upper) => Enumerable.Range(0, xs.Length).Count(i =>
            (left ? xs[i] <= xm : xs[i] >= xm) && (upper ? ys[i] >= yHigh : ys[i] <= yLow));
        return corners.Select(c => (c.Corner, N: Count(c.Left, c.Upper))).OrderBy(c => c.N).First();
    }

    /// <summary>[lo, hi] widened by <see cref="Padding"/> of its length on each side (a single value gets ±1 % of itself, or ±1).</summary>
    internal static (double Lo, double Hi) Padded(double lo, double hi)
    {
        double pad = hi > lo ? Padding * (hi - lo) : Math.Abs(lo) > 0 ? 0.01 * Math.Abs(lo) : 1;
        return (lo - pad, hi + pad);
    }
}

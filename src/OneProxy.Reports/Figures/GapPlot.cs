using System.Globalization;
using ScottPlot;

namespace OneProxy.Reports.Figures;

/// <summary>One series of <see cref="GapPlot"/>: a value per category (NaN = not drawn).</summary>
public sealed record GapSeries(string Name, IReadOnlyList<double> Values, string Color);

/// <summary>
/// Gaps (fractions, drawn in percent) per category on a log axis from 0.01 % to 100 %, a colour and
/// a marker per series, a dashed reference line (e.g. the 2 % target). A gap at or below 0.01 % (0
/// included) is drawn on the left tick, which is labelled "≤0.01" so the floor is stated, not hidden.
/// Categories are rows (first at the top) and the legend sits below the frame, so the figure keeps the
/// house width however many categories there are and its text stays ≥ 6 pt in a 3.5 in column; it
/// grows in height instead (a 60-device figure is a tall single-column figure).
/// </summary>
public static class GapPlot
{
    private const double Lo = -2, Hi = 2; // log10 of percent

    /// <summary>Pixels per category row: the tick font plus a little air.</summary>
    public const int RowPx = (int)FigureStyle.TickSize + 4;

    public static Figure Create(string title, string xLabel, IReadOnlyList<string> categories, IReadOnlyList<GapSeries> series, double reference)
    {
        ArgumentNullException.ThrowIfNull(categories);
        ArgumentNullException.ThrowIfNull(series);
        if (categories.Count == 0) throw new UnusableDataException("nothing to plot: no categories");
        foreach (var s in series)
            if (s.Values.Count != categories.Count) throw new ArgumentException($"series '{s.Name}' has {s.Values.Count} values for {categories.Count} categories");
        int n = categories.Count, width = FigureStyle.Width;
        var plot = FigureStyle.NewPlot(title, xLabel, "", width);
        double Row(int i) => n - 1 - i;
        for (int k = 0; k < series.Count; k++)
        {
            var s = series[k];
            // Each series a little above or below the row's centre, so equal values (e.g. several gaps of 0) stay visible.
            double dy = -(k - (series.Count - 1) / 2.0) * Math.Min(0.15, 0.8 / series.Count);
            var xs = new List<double>();
            var ys = new List<double>();
            for (int i = 0; i < n; i++)
                if (double.IsFinite(s.Values[i])) { xs.Add(X(s.Values[i])); ys.Add(Row(i) + dy); }
            var m = plot.Add.Markers(xs.ToArray(), ys.ToArray(), FigureStyle.Markers[k % FigureStyle.Markers.Length], 7, FigureStyle.Parse(s.Color));
            m.LegendText = SvgText.Clean(s.Name);
        }
        var line = plot.Add.VerticalLine(X(reference), 1.5f, FigureStyle.Parse("#D55E00"), LinePattern.Dashed);
        line.LegendText = string.Create(CultureInfo.InvariantCulture, $"target {reference * 100:0.##} %");
        var xTicks = new ScottPlot.TickGenerators.NumericManual();
        foreach (var (v, label) in new[] { (-2.0, "≤0.01"), (-1.0, "0.1"), (0.0, "1"), (1.0, "10"), (2.0, "100") }) xTicks.AddMajor(v, label);
        plot.Axes.Bottom.TickGenerator = xTicks;
        var yTicks = new ScottPlot.TickGenerators.NumericManual();
        for (int i = 0; i < n; i++) yTicks.AddMajor(Row(i), SvgText.Clean(categories[i]));
        plot.Axes.Left.TickGenerator = yTicks;
        plot.Axes.Left.MajorTickStyle.Length = 0;
        plot.Axes.SetLimits(Lo - 0.15, Hi + 0.1, -0.7, n - 0.3);
        plot.ShowLegend(Edge.Bottom);
        plot.Legend.Orientation = Orientation.Vertical;
        int titleLines = FigureStyle.Wrap(title, width, FigureStyle.TitleSize).Count(c => c == '\n') + 1;
        int legendPx = (series.Count + 1) * (int)(FigureStyle.LegendSize * 1.6) + 20;
        int height = (int)(titleLines * FigureStyle.TitleSize * 1.35) + 30 + n * RowPx + 60 + legendPx;
        return new Figure(plot, width, Math.Max(height, 300));
    }

    private static double X(double gap) => Math.Clamp(Math.Log10(Math.Max(gap * 100, 1e-2)), Lo, Hi);
}

using System.Globalization;
using ScottPlot;

namespace OneProxy.Reports.Figures;

/// <summary>One series of <see cref="GapPlot"/>: a value per category (NaN = not drawn).</summary>
public sealed record GapSeries(string Name, IReadOnlyList<double> Values, string Color);

/// <summary>
/// Gaps (fractions, drawn in percent) per category on a log axis from 0.01 % to 100 %, a colour and
/// a marker per series, a dashed reference line (e.g. the 2 % target). A gap at or below 0.01 % (0
/// included) is drawn on the bottom tick, which is labelled "≤0.01" so the floor is stated, not hidden.
/// </summary>
public static class GapPlot
{
    private const double Lo = -2, Hi = 2; // log10 of percent

    public static Figure Create(string title, string yLabel, IReadOnlyList<string> categories, IReadOnlyList<GapSeries> series, double reference)
    {
        ArgumentNullException.ThrowIfNull(categories);
        ArgumentNullException.ThrowIfNull(series);
        if (categories.Count == 0) throw new UnusableDataException("nothing to plot: no categories");
        foreach (var s in series)
            if (s.Values.Count != categories.Count) throw new ArgumentException($"series '{s.Name}' has {s.Values.Count} values for {categories.Count} categories");
        int width = Math.Max(FigureStyle.Width, 160 + 15 * categories.Count) + 200;
        int labelPx = (int)Math.Ceiling(categories.Max(c => FigureStyle.TextWidth(c, FigureStyle.TickSize)));
        var plot = FigureStyle.NewPlot(title, "", yLabel, width);
        for (int k = 0; k < series.Count; k++)
        {
            var s = series[k];
            // Each series a little to the side, so equal values (e.g. several gaps of 0) stay visible.
            double dx = (k - (series.Count - 1) / 2.0) * Math.Min(0.15, 0.8 / series.Count);
            var xs = new List<double>();
            var ys = new List<double>();
            for (int i = 0; i < categories.Count; i++)
                if (double.IsFinite(s.Values[i])) { xs.Add(i + dx); ys.Add(Y(s.Values[i])); }
            var m = plot.Add.Markers(xs.ToArray(), ys.ToArray(), FigureStyle.Markers[k % FigureStyle.Markers.Length], 7, FigureStyle.Parse(s.Color));
            m.LegendText = SvgText.Clean(s.Name);
        }
        var line = plot.Add.HorizontalLine(Y(reference), 1.5f, FigureStyle.Parse("#D55E00"), LinePattern.Dashed);
        line.LegendText = string.Create(CultureInfo.InvariantCulture, $"target {reference * 100:0.##} %");
        var yTicks = new ScottPlot.TickGenerators.NumericManual();
        foreach (var (v, label) in new[] { (-2.0, "≤0.01"), (-1.0, "0.1"), (0.0, "1"), (1.0, "10"), (2.0, "100") }) yTicks.AddMajor(v, label);
        plot.Axes.Left.TickGenerator = yTicks;
        var xTicks = new ScottPlot.TickGenerators.NumericManual();
        for (int i = 0; i < categories.Count; i++) xTicks.AddMajor(i, SvgText.Clean(categories[i]));
        plot.Axes.Bottom.TickGenerator = xTicks;
        plot.Axes.Bottom.TickLabelStyle.Rotation = 90;
        plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleLeft;
        plot.Axes.SetLimits(-0.7, categories.Count - 0.3, Lo - 0.15, Hi + 0.1);
        plot.Axes.Bottom.MinimumSize = labelPx + 12;
        plot.ShowLegend(Edge.Right);
        return new Figure(plot, width, FigureStyle.Height + labelPx);
    }

    private static double Y(double gap) => Math.Clamp(Math.Log10(Math.Max(gap * 100, 1e-2)), Lo, Hi);
}

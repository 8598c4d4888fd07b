using System.Globalization;
using OneProxy.Search;
using ScottPlot;

namespace OneProxy.Reports.Figures;

/// <summary>A named set of points for <see cref="ParetoPlot"/>; <see cref="Staircase"/> draws the front as steps.</summary>
public sealed record PlotSeries(string Name, IReadOnlyList<Candidate> Points, string Color, bool Staircase);

/// <summary>
/// Cost (x: latency, cycles, ... as <c>xLabel</c> says) against accuracy (y, %), a colour and a marker
/// per series, fronts as staircases. The accuracy axis starts near the 10th percentile so the top of
/// the front is not squashed by degenerate architectures; points below it are clipped by the frame
/// (never moved onto the axis) and the legend counts them; the legend takes the corner holding the fewest points. Larger series are drawn first so the small
/// sets drawn over them stay visible.
/// </summary>
public static class ParetoPlot
{
    public static Figure Create(string title, IReadOnlyList<PlotSeries> series, string xLabel)
    {
        ArgumentNullException.ThrowIfNull(series);
        if (series.All(s => s.Points.Count == 0)) throw new UnusableDataException("nothing to plot: every series is empty");
        var all = series.SelectMany(s => s.Points).ToArray();
        double xLo = all.Min(p => p.LatencyMs), xHi = all.Max(p => p.LatencyMs);
        double xPad = Math.Max(0.04 * (xHi - xLo), 1e-9 + 0.02 * Math.Abs(xHi));
        xLo = xLo - xPad < 0 && xLo >= 0 ? 0 : xLo - xPad;
        xHi += xPad;
        var accs = all.Select(p => p.AccuracyPercent).Order().ToArray();
        double p10 = accs[(int)(accs.Length * 0.1)], yHi = Math.Ceiling(accs[^1] + 0.5);
        // A front is what the figure is about: its low end stays inside unless it would stretch the axis
        // to more than twice the range the 10th percentile gives (degenerate, near-zero-cost designs).
        double frontLow = series.Where(s => s.Staircase).SelectMany(s => s.Points).Select(p => p.AccuracyPercent).DefaultIfEmpty(p10).Min();
        double yLo = Math.Floor(Math.Min(p10, frontLow >= p10 - (yHi - p10) ? frontLow : p10) - 1);
        if (yHi <= yLo) yHi = yLo + 1;

        var plot = FigureStyle.NewPlot(title, xLabel, "accuracy (%)");
        var order = Enumerable.Range(0, series.Count).OrderByDescending(i => series[i].Points.Count).ThenBy(i => i);
        foreach (int i in order)
        {
            var s = series[i];
            var pts = s.Points.OrderBy(p => p.LatencyMs).ThenByDescending(p => p.AccuracyPercent).ToArray();
            if (pts.Length == 0) continue;
            double[] xs = pts.Select(p => p.LatencyMs).ToArray(), ys = pts.Select(p => p.AccuracyPercent).ToArray();
            var color = FigureStyle.Parse(s.Color);
            int below = ys.Count(y => y < yLo);
            // Points below the axis are counted in the legend and not drawn: a marker cut in half by the
            // frame would read as a point on the axis.
            double[] shownX = xs.Where((_, k) => ys[k] >= yLo).ToArray(), shownY = ys.Where(y => y >= yLo).ToArray();
            string legend = string.Create(CultureInfo.InvariantCulture, $"{SvgText.Clean(s.Name)} ({pts.Length}{(below > 0 ? $", {below} below axis" : "")})");
            if (s.Staircase)
            {
                // The step continues to the right edge: nothing slower is better than the last point.
                var line = plot.Add.Scatter((double[])[.. xs, xHi], (double[])[.. ys, ys[^1]], color);
                line.ConnectStyle = ConnectStyle.StepHorizontal;
                line.LineWidth = 1.5f;
                line.MarkerSize = 0;
                var marks = plot.Add.Markers(shownX, shownY, FigureStyle.Markers[i % FigureStyle.Markers.Length], 5, color);
                marks.LegendText = legend;
            }
            else
            {
                var marks = plot.Add.Markers(shownX, shownY, FigureStyle.Markers[i % FigureStyle.Markers.Length], s.Points.Count > 200 ? 4 : 7, color);
                marks.LegendText = legend;
            }
        }
        plot.Axes.SetLimits(xLo, xHi, yLo, yHi);
        FigureStyle.SetRoundTicks(plot.Axes.Bottom, xLo, xHi);
        FigureStyle.SetRoundTicks(plot.Axes.Left, yLo, yHi);
        double[] allX = all.Select(p => p.LatencyMs).ToArray(), allY = all.Select(p => p.AccuracyPercent).ToArray();
        var (corner, hidden) = ScatterPlot.EmptiestCornerWithCount(allX, allY, xLo, xHi, yLo, yHi);
        if (hidden == 0)
        {
            plot.ShowLegend(corner);
            return new Figure(plot, FigureStyle.Width, FigureStyle.Height);
        }
        // Every corner holds data: the legend goes below the frame, where it hides nothing.
        plot.ShowLegend(Edge.Bottom);
        plot.Legend.Orientation = Orientation.Vertical;
        int legendPx = series.Count(s => s.Points.Count > 0) * (int)(FigureStyle.LegendSize * 1.6) + 20;
        return new Figure(plot, FigureStyle.Width, FigureStyle.Height + legendPx);
    }
}

using System.Globalization;
using ScottPlot;

namespace OneProxy.Reports.Figures;

/// <summary>One line of <see cref="LinePlot"/>, with an optional shaded band (e.g. ± one standard deviation over seeds).</summary>
public sealed record LineSeries(string Name, string Color, IReadOnlyList<double> X, IReadOnlyList<double> Y,
    IReadOnlyList<double>? Lower = null, IReadOnlyList<double>? Upper = null, bool Dashed = false);

/// <summary>
/// Line charts (learning curves, CDFs, losses) and grouped horizontal bars. Lines differ by colour and
/// by dash pattern (cycled), and carry markers when they have few points, so they stay apart in
/// grey-scale print; the y range is fitted to the data unless given, at round ticks.
/// </summary>
public static class LinePlot
{
    private static readonly LinePattern[] Patterns = [LinePattern.Solid, LinePattern.Dashed, LinePattern.Dotted, LinePattern.DenselyDashed];

    /// <param name="legendInside">
    /// Null: the legend right of the plot (a wider figure, 690 px, whose 13 px text prints below 6 pt at 3.5 in).
    /// A corner: the legend inside the data area there and the house width (520 px, text ≥ 6 pt at 3.5 in); pick the
    /// corner the curves leave empty.
    /// </param>
    /// <param name="xMax">
    /// Right end of the x axis (null: the largest x). Give it a few per cent beyond the data when the last round tick
    /// falls on the data's end, so its label is not cut by the figure's edge.
    /// </param>
    /// <param name="logY">
    /// A log10 y axis with ticks at powers of ten, for curves that span decades (cumulative regret: a linear axis
    /// flattens every good policy onto zero next to a random one). Values below 1 are drawn at 1; yMin/yMax are
    /// then ignored.
    /// </param>
    /// <param name="legendBelow">The legend under the frame (the figure grows taller, stays 520 px wide): for many series.</param>
    public static Figure Create(string title, string xLabel, string yLabel, IReadOnlyList<LineSeries> series, double? yMin = null, double? yMax = null,
        Alignment? legendInside = null, double? xMax = null, bool logY = false, bool legendBelow = false)
    {
        ArgumentNullException.ThrowIfNull(series);
        if (series.Count == 0 || series.All(s => s.X.Count == 0)) throw new UnusableDataException("nothing to plot: every series is empty");
        if (logY)
        {
            static IReadOnlyList<double>? Log(IReadOnlyList<double>? v) => v?.Select(y => double.IsFinite(y) ? Math.Log10(Math.Max(y, 1)) : y).ToArray();
            series = series.Select(s => s with { Y = Log(s.Y)!, Lower = Log(s.Lower), Upper = Log(s.Upper) }).ToArray();
            double top = series.SelectMany(s => s.Y).Where(double.IsFinite).DefaultIfEmpty(1).Max();
            yMin = 0;
            yMax = Math.Max(1, Math.Ceiling(top * 10) / 10 + 0.05);
        }
        var xs = series.SelectMany(s => s.X).Where(double.IsFinite).ToArray();
        var ys = series.SelectMany(s => s.Y.Concat(s.Lower ?? []).Concat(s.Upper ?? [])).Where(double.IsFinite).ToArray();
        double x0 = xs.Min(), x1 = Math.Max(xs.Max(), xMax ?? double.NegativeInfinity);
        double y0 = yMin ?? ys.Min(), y1 = yMax ?? ys.Max();
        if (yMin is null || yMax is null)
        {
            double pad = 0.04 * Math.Max(y1 - y0, 1e-9);
            if (yMin is null) y0 -= pad;
            if (yMax is null) y1 += pad;
        }
        if (x1 <= x0) x1 = x0 + 1;
        if (y1 <= y0) y1 = y0 + 1;

        var plot = FigureStyle.NewPlot(title, xLabel, yLabel);
        for (int k = 0; k < series.Count; k++)
        {
            var s = series[k];
            var color = FigureStyle.Parse(s.Color);
            if (s.Lower is not null && s.Upper is not null && s.X.Count > 1)
            {
                var band = plot.Add.FillY(s.X.ToArray(), s.Lower.ToArray(), s.Upper.ToArray());
                band.FillColor = color.WithAlpha(0.15);
                band.LineWidth = 0;
            }
            var finite = Enumerable.Range(0, s.X.Count).Where(i => double.IsFinite(s.Y[i])).ToArray();
            var line = plot.Add.Scatter(finite.Select(i => s.X[i]).ToArray(), finite.Select(i => s.Y[i]).ToArray(), color);
            line.LineWidth = 2;
            line.LinePattern = s.Dashed ? LinePattern.Dashed : Patterns[k % Patterns.Length];
            bool sparse = finite.Length <= 30;
            line.MarkerSize = sparse ? 6 : 0;
            line.MarkerShape = FigureStyle.Markers[k % FigureStyle.Markers.Length];
            line.LegendText = SvgText.Clean(s.Name);
        }
        plot.Axes.SetLimits(x0, x1, y0, y1);
        FigureStyle.SetRoundTicks(plot.Axes.Bottom, x0, x1);
        if (logY)
        {
            var ticks = new ScottPlot.TickGenerators.NumericManual();
            for (int e = 0; e <= (int)Math.Floor(y1); e++)
            {
                ticks.AddMajor(e, Math.Pow(10, e).ToString("#,0", CultureInfo.InvariantCulture));
                foreach (var m in new[] { 2.0, 5.0 }) if (e + Math.Log10(m) <= y1) ticks.AddMinor(e + Math.Log10(m));
            }
            plot.Axes.Left.TickGenerator = ticks;
        }
        else FigureStyle.SetRoundTicks(plot.Axes.Left, y0, y1);
        if (legendBelow)
        {
            plot.ShowLegend(Edge.Bottom);
            plot.Legend.Orientation = Orientation.Vertical;
            int titleLines = FigureStyle.Wrap(title, FigureStyle.Width, FigureStyle.TitleSize).Count(c => c == '\n');
            return new Figure(plot, FigureStyle.Width, FigureStyle.Height + titleLines * 20 + series.Count * (int)(FigureStyle.LegendSize * 1.6) + 20);
        }
        return Finish(plot, legendInside, FigureStyle.Height);
    }

    /// <summary>Grouped horizontal bars: one group per category, one bar per series (shares in [0, 1], drawn in %).</summary>
    /// <param name="legendInside">As in <see cref="Create"/>; inside, the share axis is extended by 60 % so the legend sits right of the bars.</param>
    public static Figure Bars(string title, IReadOnlyList<string> categories, IReadOnlyList<(string Name, string Color, IReadOnlyList<double> Values)> series,
        Alignment? legendInside = null)
    {
        ArgumentNullException.ThrowIfNull(categories);
        ArgumentNullException.ThrowIfNull(series);
        if (categories.Count == 0 || series.Count == 0) throw new UnusableDataException("nothing to plot: no categories or no series");
        int groups = categories.Count, bars = series.Count;
        double barH = 0.8 / bars;
        var plot = FigureStyle.NewPlot(title, "share of rounds (%)", "");
        var all = new List<Bar>();
        for (int s = 0; s < bars; s++)
        {
            var color = FigureStyle.Parse(series[s].Color);
            for (int g = 0; g < groups; g++)
                all.Add(new Bar
                {
                    Position = (groups - 1 - g) + 0.4 - (s + 0.5) * barH,
                    Value = series[s].Values[g] * 100,
                    FillColor = color,
                    LineWidth = 0,
                    Size = barH * 0.9,
                });
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = SvgText.Clean(series[s].Name), FillColor = color });
        }
        var b = plot.Add.Bars(all);
        b.Horizontal = true;
        var yTicks = new ScottPlot.TickGenerators.NumericManual();
        for (int g = 0; g < groups; g++) yTicks.AddMajor(groups - 1 - g, SvgText.Clean(categories[g]));
        plot.Axes.Left.TickGenerator = yTicks;
        plot.Axes.Left.MajorTickStyle.Length = 0;
        double max = Math.Max(1e-9, series.SelectMany(s => s.Values).Max()) * 100 * (legendInside is null ? 1.03 : 1.6);
        plot.Axes.SetLimits(0, max, -0.55, groups - 0.45);
        FigureStyle.SetRoundTicks(plot.Axes.Bottom, 0, max, 6, v => v.ToString("0.##", CultureInfo.InvariantCulture));
        plot.Grid.YAxisStyle.MajorLineStyle.Width = 0;
        return Finish(plot, legendInside, Math.Max(FigureStyle.Height, 90 + groups * (bars * 7 + 10)));
    }

    private static Figure Finish(Plot plot, Alignment? legendInside, int height)
    {
        if (legendInside is { } corner)
        {
            plot.ShowLegend(corner);
            return new Figure(plot, FigureStyle.Width, height);
        }
        plot.ShowLegend(Edge.Right);
        return new Figure(plot, FigureStyle.Width + 170, height);
    }
}

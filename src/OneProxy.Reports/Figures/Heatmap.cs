using System.Globalization;
using OneProxy.Monotonicity;
using ScottPlot;

namespace OneProxy.Reports.Figures;

/// <summary>
/// An SRCC matrix as a heatmap: devices in average-linkage order on 1 − SRCC (similar devices side by
/// side, the same order on both axes), viridis colours with a labelled colour bar at round ticks, the
/// value written in a cell only when the cell is large enough to hold it at the house font size. The
/// title's second line counts the pairs below the monotonicity threshold (outlining them drowned the figure).
/// </summary>
public static class Heatmap
{
    /// <summary>Cells at least this wide (px) carry their value as text.</summary>
    public const int TextCell = 36;

    public static Figure Create(SrccMatrix matrix, string title, double threshold)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        int n = matrix.Devices.Count;
        if (n == 0) throw new UnusableDataException("nothing to plot: the matrix has no devices");
        var order = ClusteredOrder(matrix);
        var values = new double[n, n];
        double min = 1;
        int below = 0, pairs = 0;
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                double v = matrix[order[i], order[j]];
                values[i, j] = v;
                if (double.IsNaN(v)) continue;
                min = Math.Min(min, v);
                if (j > i) { pairs++; if (v < threshold) below++; }
            }
        double lo = Math.Floor(Math.Min(min, threshold) * 10) / 10, hi = 1.0;
        if (lo >= hi) lo = hi - 0.1;

        // Rows just taller than the tick font: a 27-device matrix then fits a single column at about 6 pt.
        // Above 30 devices the cells shrink to fit ~420 px and only every k-th name is written.
        double cell = n <= 30 ? Math.Clamp(380 / n, (int)FigureStyle.TickSize + 1, 48) : 420.0 / n;
        int every = (int)Math.Ceiling((FigureStyle.TickSize + 1) / cell);
        int labelPx = (int)Math.Ceiling(matrix.Devices.Max(d => FigureStyle.TextWidth(d, FigureStyle.TickSize))) + 8;
        // The colour bar lies above the matrix, not beside it: beside it, it widened a 27-device figure to
        // 601 px, which puts 13 px text at 5.5 pt in a 3.5 in column; above it, the width is the matrix's.
        const int barPx = 64, rightPx = 26;
        int width = labelPx + 6 + (int)Math.Round(n * cell) + rightPx;
        var inv = CultureInfo.InvariantCulture;
        // The subtitle, then a blank line that the colour bar's label is drawn into (ScottPlot does not count a
        // top colour bar's label in its panel, so without it the label overprints the subtitle).
        var fullTitle = $"{title}\n{(n > 1 ? $"SRCC < {threshold:0.00} for {below} of {pairs} pairs; " : "")}clustered order{(every > 1 ? $", every {Ordinal(every)} name" : "")}\n ";
        int titleLines = FigureStyle.Wrap(fullTitle, width, FigureStyle.TitleSize).Count(c => c == '\n') + 1;
        // 1.5 line heights: at 1.35 the first of four title lines was cut off in the PNG (Skia) rendering.
        int top = (int)(titleLines * FigureStyle.TitleSize * 1.5) + 14 + barPx, height = top + (int)Math.Round(n * cell) + labelPx + 6;
        var plot = FigureStyle.NewPlot(fullTitle, "", "", width);
        var hm = plot.Add.Heatmap(values);
        hm.Colormap = new ScottPlot.Colormaps.Viridis();
        hm.ManualRange = new ScottPlot.Range(lo, hi);
        hm.NaNCellColor = Colors.LightGray;
        hm.Rectangle = new CoordinateRect(0, n, 0, n);
        // One vector rectangle per cell: a bitmap would be smoothed when an SVG or PDF viewer scales it.
        hm.RenderStrategy = new ScottPlot.Plottables.Heatmap.RenderStrategies.Rectangles();
        var bar = plot.Add.ColorBar(hm, Edge.Top);
        bar.Width = 18;
        bar.Label = "SRCC";
        bar.LabelStyle.FontSize = FigureStyle.LabelSize;
        bar.LabelStyle.Bold = false;
        var barTicks = new ScottPlot.TickGenerators.NumericManual();
        foreach (var t in RoundTicks.Inside(lo, hi, 6)) barTicks.AddMajor(t, t.ToString("0.0#", inv));
        bar.Axis.TickGenerator = barTicks;
        bar.Axis.TickLabelStyle.FontSize = FigureStyle.TickSize;

        var xTicks = new ScottPlot.TickGenerators.NumericManual();
        var yTicks = new ScottPlot.TickGenerators.NumericManual();
        for (int i = 0; i < n; i += every)
        {
            xTicks.AddMajor(i + 0.5, SvgText.Clean(matrix.Devices[order[i]]));
            yTicks.AddMajor(n - i - 0.5, SvgText.Clean(matrix.Devices[order[i]]));
        }
        plot.Axes.Bottom.TickGenerator = xTicks;
        plot.Axes.Left.TickGenerator = yTicks;
        plot.Axes.Bottom.TickLabelStyle.Rotation = 90;
        plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleLeft;
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        plot.Axes.Left.MajorTickStyle.Length = 0;
        plot.HideGrid();
        plot.Axes.SetLimits(0, n, 0, n);
        // Fixed margins: the automatic layout does not make room for the rotated device names.
        plot.Layout.Fixed(new PixelPadding(labelPx + 6, rightPx, labelPx + 6, top));

        if (cell >= TextCell)
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++)
                {
                    double v = values[i, j];
                    var text = double.IsNaN(v) ? "n/a" : v >= 0.995 ? "1" : v.ToString(".00", inv);
                    var label = plot.Add.Text(text, j + 0.5, n - i - 0.5);
                    label.LabelFontSize = FigureStyle.TickSize;
                    label.LabelAlignment = Alignment.MiddleCenter;
                    label.LabelFontColor = Color.FromHex(ColorScale.TextOn((v - lo) / (hi - lo)));
                }
        return new Figure(plot, width, height);
    }

    private static string Ordinal(int k) => k switch { 2 => "2nd", 3 => "3rd", _ => $"{k}th" };

    /// <summary>Average-linkage leaf order of the devices on 1 − SRCC (NaN pairs count as uncorrelated).</summary>
    public static int[] ClusteredOrder(SrccMatrix matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        int n = matrix.Devices.Count;
        var distance = new double[n, n];
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) distance[i, j] = 1 - matrix[i, j];
        return AverageLinkage.Order(distance);
    }
}

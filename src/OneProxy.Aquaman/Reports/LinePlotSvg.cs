using System.Globalization;
using System.Security;
using System.Text;

namespace OneProxy.Aquaman.Reports;

/// <summary>One line of <see cref="LinePlotSvg"/>, with an optional shaded band (e.g. ± one standard deviation over seeds).</summary>
public sealed record LineSeries(string Name, string Color, IReadOnlyList<double> X, IReadOnlyList<double> Y,
    IReadOnlyList<double>? Lower = null, IReadOnlyList<double>? Upper = null, bool Dashed = false);

/// <summary>
/// A plain SVG line chart (hand-written like the project's other plots: no plotting package is referenced by the
/// libraries). The y range is fitted to the data unless given; the legend sits right of the plot area.
/// </summary>
public static class LinePlotSvg
{
    public static readonly string[] Palette = ["#d62728", "#1f77b4", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#17becf", "#bcbd22"];

    public static string Render(string title, string xLabel, string yLabel, IReadOnlyList<LineSeries> series, double? yMin = null, double? yMax = null)
    {
        if (series.Count == 0 || series.All(s => s.X.Count == 0)) throw new ArgumentException("nothing to plot: every series is empty");
        var inv = CultureInfo.InvariantCulture;
        const int width = 820, height = 480, left = 70, right = 200, top = 40, bottom = 50;
        var xs = series.SelectMany(s => s.X).ToArray();
        var ys = series.SelectMany(s => s.Y.Concat(s.Lower ?? []).Concat(s.Upper ?? [])).Where(double.IsFinite).ToArray();
        double x0 = xs.Min(), x1 = xs.Max();
        double y0 = yMin ?? ys.Min(), y1 = yMax ?? ys.Max();
        if (yMin is null && yMax is null) { double pad = 0.05 * (y1 - y0); y0 -= pad; y1 += pad; }
        if (x1 <= x0) x1 = x0 + 1;
        if (y1 <= y0) y1 = y0 + 1;
        double X(double v) => left + (v - x0) / (x1 - x0) * (width - left - right);
        double Y(double v) => top + (1 - (Math.Clamp(v, y0, y1) - y0) / (y1 - y0)) * (height - top - bottom);

        var sb = new StringBuilder();
        sb.Append(inv, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"12\">\n");
        sb.Append(inv, $"<rect width=\"{width}\" height=\"{height}\" fill=\"#ffffff\"/>\n");
        sb.Append(inv, $"<text x=\"{left}\" y=\"24\" font-size=\"14\" font-weight=\"bold\">{SecurityElement.Escape(title)}</text>\n");
        for (int i = 0; i <= 5; i++)
        {
            double xv = x0 + (x1 - x0) * i / 5, yv = y0 + (y1 - y0) * i / 5;
            sb.Append(inv, $"<line x1=\"{X(xv):0.0}\" y1=\"{top}\" x2=\"{X(xv):0.0}\" y2=\"{height - bottom}\" stroke=\"#e5e5e5\"/>\n");
            sb.Append(inv, $"<text x=\"{X(xv):0.0}\" y=\"{height - bottom + 16}\" text-anchor=\"middle\">{xv:G4}</text>\n");
            sb.Append(inv, $"<line x1=\"{left}\" y1=\"{Y(yv):0.0}\" x2=\"{width - right}\" y2=\"{Y(yv):0.0}\" stroke=\"#e5e5e5\"/>\n");
            sb.Append(inv, $"<text x=\"{left - 6}\" y=\"{Y(yv) + 4:0.0}\" text-anchor=\"end\">{yv:G4}</text>\n");
        }
        sb.Append(inv, $"<rect x=\"{left}\" y=\"{top}\" width=\"{width - left - right}\" height=\"{height - top - bottom}\" fill=\"none\" stroke=\"#333\"/>\n");
        sb.Append(inv, $"<text x=\"{(left + width - right) / 2}\" y=\"{height - 12}\" text-anchor=\"middle\">{SecurityElement.Escape(xLabel)}</text>\n");
        sb.Append(inv, $"<text transform=\"translate(18,{(top + height - bottom) / 2}) rotate(-90)\" text-anchor=\"middle\">{SecurityElement.Escape(yLabel)}</text>\n");
        int legendY = top + 10;
        foreach (var s in series)
        {
            if (s.Lower is not null && s.Upper is not null && s.X.Count > 1)
            {
                var band = new StringBuilder();
                for (int i = 0; i < s.X.Count; i++) band.Append(inv, $"{(i == 0 ? "M" : " L")}{X(s.X[i]):0.0},{Y(s.Upper[i]):0.0}");
                for (int i = s.X.Count - 1; i >= 0; i--) band.Append(inv, $" L{X(s.X[i]):0.0},{Y(s.Lower[i]):0.0}");
                sb.Append(inv, $"<path d=\"{band} Z\" fill=\"{s.Color}\" fill-opacity=\"0.15\" stroke=\"none\"/>\n");
            }
            var line = new StringBuilder();
            for (int i = 0; i < s.X.Count; i++)
                if (double.IsFinite(s.Y[i])) line.Append(inv, $"{(line.Length == 0 ? "M" : " L")}{X(s.X[i]):0.0},{Y(s.Y[i]):0.0}");
            string dash = s.Dashed ? " stroke-dasharray=\"6,4\"" : "";
            sb.Append(inv, $"<path d=\"{line}\" fill=\"none\" stroke=\"{s.Color}\" stroke-width=\"1.8\"{dash}/>\n");
            sb.Append(inv, $"<line x1=\"{width - right + 12}\" y1=\"{legendY}\" x2=\"{width - right + 36}\" y2=\"{legendY}\" stroke=\"{s.Color}\" stroke-width=\"2.5\"{dash}/>\n");
            sb.Append(inv, $"<text x=\"{width - right + 42}\" y=\"{legendY + 4}\">{SecurityElement.Escape(s.Name)}</text>\n");
            legendY += 18;
        }
        sb.Append("</svg>\n");
        return sb.ToString();
    }

    /// <summary>Grouped horizontal bars: one group per category, one bar per series (shares in [0, 1]).</summary>
    public static string Bars(string title, IReadOnlyList<string> categories, IReadOnlyList<(string Name, string Color, IReadOnlyList<double> Values)> series)
    {
        var inv = CultureInfo.InvariantCulture;
        int groups = categories.Count, bars = series.Count;
        const int left = 110, right = 200, top = 40, bottom = 40, barH = 7;
        int groupH = bars * barH + 8, height = top + bottom + groups * groupH, width = 820;
        double max = Math.Max(1e-9, series.SelectMany(s => s.Values).Max());
        double X(double v) => left + v / max * (width - left - right);
        var sb = new StringBuilder();
        sb.Append(inv, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"11\">\n");
        sb.Append(inv, $"<rect width=\"{width}\" height=\"{height}\" fill=\"#ffffff\"/>\n");
        sb.Append(inv, $"<text x=\"10\" y=\"24\" font-size=\"14\" font-weight=\"bold\">{SecurityElement.Escape(title)}</text>\n");
        for (int i = 0; i <= 4; i++)
        {
            double v = max * i / 4;
            sb.Append(inv, $"<line x1=\"{X(v):0.0}\" y1=\"{top}\" x2=\"{X(v):0.0}\" y2=\"{height - bottom}\" stroke=\"#e5e5e5\"/>\n");
            sb.Append(inv, $"<text x=\"{X(v):0.0}\" y=\"{height - bottom + 14}\" text-anchor=\"middle\">{v:P0}</text>\n");
        }
        for (int g = 0; g < groups; g++)
        {
            int y = top + g * groupH;
            sb.Append(inv, $"<text x=\"{left - 6}\" y=\"{y + groupH / 2 + 3}\" text-anchor=\"end\">{SecurityElement.Escape(categories[g])}</text>\n");
            for (int s = 0; s < bars; s++)
                sb.Append(inv, $"<rect x=\"{left}\" y=\"{y + s * barH + 4}\" width=\"{X(series[s].Values[g]) - left:0.0}\" height=\"{barH - 1}\" fill=\"{series[s].Color}\"/>\n");
        }
        int legendY = top + 10;
        foreach (var s in series)
        {
            sb.Append(inv, $"<rect x=\"{width - right + 12}\" y=\"{legendY - 6}\" width=\"20\" height=\"9\" fill=\"{s.Color}\"/>\n");
            sb.Append(inv, $"<text x=\"{width - right + 38}\" y=\"{legendY + 3}\">{SecurityElement.Escape(s.Name)}</text>\n");
            legendY += 16;
        }
        sb.Append("</svg>\n");
        return sb.ToString();
    }
}

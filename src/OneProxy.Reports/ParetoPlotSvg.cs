using System.Globalization;
using System.Text;
using OneProxy.Search;

namespace OneProxy.Reports;

/// <summary>A named set of points for <see cref="ParetoPlotSvg"/>; <see cref="Staircase"/> draws the front as steps.</summary>
public sealed record PlotSeries(string Name, IReadOnlyList<Candidate> Points, string Color, bool Staircase);

/// <summary>
/// Latency (x, ms, on the target) against accuracy (y, %), one colour per series, with the
/// oracle front drawn as a staircase so gaps between a transferred set and it are visible.
/// The accuracy axis starts at the lowest plotted accuracy above the 10th percentile so the
/// interesting top of the front is not squashed by degenerate architectures.
/// </summary>
public static class ParetoPlotSvg
{
    public static string Render(string title, IReadOnlyList<PlotSeries> series)
    {
        if (series.All(s => s.Points.Count == 0)) throw new UnusableDataException("nothing to plot: every series is empty");
        var inv = CultureInfo.InvariantCulture;
        const int width = 760, height = 480, left = 70, right = 230, top = 40, bottom = 50;
        var all = series.SelectMany(s => s.Points).ToArray();
        double xMin = 0, xMax = all.Max(p => p.LatencyMs) * 1.05;
        var accs = all.Select(p => p.AccuracyPercent).Order().ToArray();
        double yMin = Math.Floor(accs[(int)(accs.Length * 0.1)] - 1), yMax = Math.Ceiling(accs[^1] + 0.5);
        if (xMax <= xMin) xMax = xMin + 1;
        if (yMax <= yMin) yMax = yMin + 1;
        double X(double v) => left + (v - xMin) / (xMax - xMin) * (width - left - right);
        double Y(double v) => top + (1 - (Math.Max(v, yMin) - yMin) / (yMax - yMin)) * (height - top - bottom);

        var sb = new StringBuilder();
        sb.Append(inv, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"12\">\n");
        sb.Append(inv, $"<rect width=\"{width}\" height=\"{height}\" fill=\"#ffffff\"/>\n");
        sb.Append(inv, $"<text x=\"{left}\" y=\"24\" font-size=\"15\" font-weight=\"bold\">{SvgText.Escape(title)}</text>\n");
        for (int i = 0; i <= 5; i++)
        {
            double xv = xMin + (xMax - xMin) * i / 5, yv = yMin + (yMax - yMin) * i / 5;
            sb.Append(inv, $"<line x1=\"{X(xv):0.0}\" y1=\"{top}\" x2=\"{X(xv):0.0}\" y2=\"{height - bottom}\" stroke=\"#e5e5e5\"/>\n");
            sb.Append(inv, $"<text x=\"{X(xv):0.0}\" y=\"{height - bottom + 16}\" text-anchor=\"middle\">{xv:G3}</text>\n");
            sb.Append(inv, $"<line x1=\"{left}\" y1=\"{Y(yv):0.0}\" x2=\"{width - right}\" y2=\"{Y(yv):0.0}\" stroke=\"#e5e5e5\"/>\n");
            sb.Append(inv, $"<text x=\"{left - 6}\" y=\"{Y(yv) + 4:0.0}\" text-anchor=\"end\">{yv:0.#}</text>\n");
        }
        sb.Append(inv, $"<rect x=\"{left}\" y=\"{top}\" width=\"{width - left - right}\" height=\"{height - top - bottom}\" fill=\"none\" stroke=\"#333\"/>\n");
        sb.Append(inv, $"<text x=\"{(left + width - right) / 2}\" y=\"{height - 12}\" text-anchor=\"middle\">latency on the target (ms)</text>\n");
        sb.Append(inv, $"<text transform=\"translate(18,{(top + height - bottom) / 2}) rotate(-90)\" text-anchor=\"middle\">accuracy (%)</text>\n");
        int legendY = top + 10;
        foreach (var s in series)
        {
            var pts = s.Points.OrderBy(p => p.LatencyMs).ToArray();
            if (s.Staircase && pts.Length > 0)
            {
                var stairs = new StringBuilder();
                stairs.Append(inv, $"M{X(pts[0].LatencyMs):0.0},{Y(pts[0].AccuracyPercent):0.0}");
                for (int i = 1; i < pts.Length; i++)
                    stairs.Append(inv, $" H{X(pts[i].LatencyMs):0.0} V{Y(pts[i].AccuracyPercent):0.0}");
                stairs.Append(inv, $" H{X(xMax):0.0}");
                sb.Append(inv, $"<path d=\"{stairs}\" fill=\"none\" stroke=\"{s.Color}\" stroke-width=\"1.5\"/>\n");
            }
            foreach (var p in pts)
                sb.Append(inv, $"<circle cx=\"{X(p.LatencyMs):0.0}\" cy=\"{Y(p.AccuracyPercent):0.0}\" r=\"{(s.Staircase ? 2.5 : 4)}\" fill=\"{(s.Staircase ? s.Color : "none")}\" stroke=\"{s.Color}\" stroke-width=\"1.5\"/>\n");
            sb.Append(inv, $"<circle cx=\"{width - right + 18}\" cy=\"{legendY - 4}\" r=\"4\" fill=\"{(s.Staircase ? s.Color : "none")}\" stroke=\"{s.Color}\" stroke-width=\"1.5\"/>\n");
            sb.Append(inv, $"<text x=\"{width - right + 28}\" y=\"{legendY}\">{SvgText.Escape(s.Name)} ({s.Points.Count})</text>\n");
            legendY += 20;
        }
        sb.Append("</svg>\n");
        return sb.ToString();
    }
}

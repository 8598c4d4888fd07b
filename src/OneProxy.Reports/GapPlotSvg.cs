using System.Globalization;
using System.Security;
using System.Text;

namespace OneProxy.Reports;

/// <summary>One series of <see cref="GapPlotSvg"/>: a value per category (NaN = not drawn).</summary>
public sealed record GapSeries(string Name, IReadOnlyList<double> Values, string Color);

/// <summary>
/// Gaps (fractions, drawn in percent) per category on a log axis from 0.01 % to 100 %, one marker
/// per series and category, with a dashed reference line (e.g. the 2 % target). Gaps of exactly 0
/// sit on the bottom edge, labelled "≤0.01". Used for the learned optimizer's gap per unseen device.
/// </summary>
public static class GapPlotSvg
{
    public static string Render(string title, string yLabel, IReadOnlyList<string> categories, IReadOnlyList<GapSeries> series, double reference)
    {
        ArgumentNullException.ThrowIfNull(categories);
        ArgumentNullException.ThrowIfNull(series);
        if (categories.Count == 0) throw new UnusableDataException("nothing to plot: no categories");
        foreach (var s in series)
            if (s.Values.Count != categories.Count) throw new ArgumentException($"series '{s.Name}' has {s.Values.Count} values for {categories.Count} categories");
        var inv = CultureInfo.InvariantCulture;
        const int left = 70, right = 210, top = 40, bottom = 150, height = 520;
        int width = Math.Max(640, left + right + 14 * categories.Count);
        const double lo = -2, hi = 2; // log10 of percent
        double X(int i) => left + (i + 0.5) * (width - left - right) / categories.Count;
        double Y(double gap) => top + (1 - (Math.Clamp(Math.Log10(Math.Max(gap * 100, 1e-2)), lo, hi) - lo) / (hi - lo)) * (height - top - bottom);
        var sb = new StringBuilder();
        sb.Append(inv, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"12\">\n");
        sb.Append(inv, $"<rect width=\"{width}\" height=\"{height}\" fill=\"#ffffff\"/>\n");
        sb.Append(inv, $"<text x=\"{left}\" y=\"24\" font-size=\"14\" font-weight=\"bold\">{SecurityElement.Escape(title)}</text>\n");
        foreach (var (v, label) in new[] { (1e-4, "≤0.01"), (1e-3, "0.1"), (1e-2, "1"), (1e-1, "10"), (1.0, "100") })
        {
            sb.Append(inv, $"<line x1=\"{left}\" y1=\"{Y(v):0.0}\" x2=\"{width - right}\" y2=\"{Y(v):0.0}\" stroke=\"#e5e5e5\"/>\n");
            sb.Append(inv, $"<text x=\"{left - 6}\" y=\"{Y(v) + 4:0.0}\" text-anchor=\"end\">{label}</text>\n");
        }
        sb.Append(inv, $"<line x1=\"{left}\" y1=\"{Y(reference):0.0}\" x2=\"{width - right}\" y2=\"{Y(reference):0.0}\" stroke=\"#d62728\" stroke-dasharray=\"6,4\"/>\n");
        sb.Append(inv, $"<text x=\"{width - right + 4}\" y=\"{Y(reference) + 4:0.0}\" fill=\"#d62728\">{reference * 100:0.##} %</text>\n");
        sb.Append(inv, $"<rect x=\"{left}\" y=\"{top}\" width=\"{width - left - right}\" height=\"{height - top - bottom}\" fill=\"none\" stroke=\"#333\"/>\n");
        sb.Append(inv, $"<text transform=\"translate(18,{(top + height - bottom) / 2}) rotate(-90)\" text-anchor=\"middle\">{SecurityElement.Escape(yLabel)}</text>\n");
        for (int i = 0; i < categories.Count; i++)
            sb.Append(inv, $"<text transform=\"translate({X(i) - 3:0.0},{height - bottom + 6}) rotate(90)\" font-size=\"10\">{SecurityElement.Escape(categories[i])}</text>\n");
        int legendY = top + 10;
        for (int k = 0; k < series.Count; k++)
        {
            var s = series[k];
            // Each series a little to the side, so equal values (e.g. several gaps of 0) stay visible.
            double dx = (k - (series.Count - 1) / 2.0) * Math.Min(3.0, 0.8 * (width - left - right) / categories.Count / series.Count);
            for (int i = 0; i < categories.Count; i++)
                if (double.IsFinite(s.Values[i]))
                    sb.Append(inv, $"<circle cx=\"{X(i) + dx:0.0}\" cy=\"{Y(s.Values[i]):0.0}\" r=\"3.5\" fill=\"{s.Color}\" fill-opacity=\"0.85\"/>\n");
            sb.Append(inv, $"<circle cx=\"{width - right + 14}\" cy=\"{legendY + 20}\" r=\"4\" fill=\"{s.Color}\"/>\n");
            sb.Append(inv, $"<text x=\"{width - right + 24}\" y=\"{legendY + 24}\">{SecurityElement.Escape(s.Name)}</text>\n");
            legendY += 18;
        }
        sb.Append("</svg>\n");
        return sb.ToString();
    }
}

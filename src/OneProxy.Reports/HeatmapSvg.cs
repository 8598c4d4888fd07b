using System.Globalization;
using System.Text;
using OneProxy.Monotonicity;

namespace OneProxy.Reports;

/// <summary>
/// Writes an SRCC matrix as an SVG heatmap: device names on both axes, the value in every cell,
/// a colour bar, and cells below the monotonicity threshold outlined so weak pairs stand out.
/// </summary>
public static class HeatmapSvg
{
    public static string Render(SrccMatrix matrix, string title, double threshold)
    {
        var inv = CultureInfo.InvariantCulture;
        int d = matrix.Devices.Count;
        const int cell = 34, fontSize = 10;
        int labelWidth = Math.Max(60, matrix.Devices.Max(n => n.Length) * 7 + 10);
        int left = labelWidth, top = labelWidth + 40, barWidth = 18;
        // Wide enough for the title (bold 15 px, about 9 px a character) and the 11 px subtitle.
        int width = Math.Max(left + d * cell + 90, left + Math.Max(title.Length * 9, 380) + 10), height = top + d * cell + 30;
        double min = 1;
        for (int i = 0; i < d; i++) for (int j = 0; j < d; j++) if (!double.IsNaN(matrix[i, j])) min = Math.Min(min, matrix[i, j]);
        double lo = Math.Floor(Math.Min(min, threshold) * 10) / 10, hi = 1.0;
        if (lo >= hi) lo = hi - 0.1;
        double T(double v) => (v - lo) / (hi - lo);

        var sb = new StringBuilder();
        sb.Append(inv, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" font-family=\"Helvetica, Arial, sans-serif\">\n");
        sb.Append(inv, $"<rect width=\"{width}\" height=\"{height}\" fill=\"#ffffff\"/>\n");
        sb.Append(inv, $"<text x=\"{left}\" y=\"22\" font-size=\"15\" font-weight=\"bold\">{Esc(title)}</text>\n");
        sb.Append(inv, $"<text x=\"{left}\" y=\"38\" font-size=\"11\" fill=\"#444\">Spearman rank correlation of latencies; outlined cells: SRCC &lt; {threshold:0.00}</text>\n");
        for (int i = 0; i < d; i++)
        {
            double y = top + i * cell + cell / 2.0 + fontSize / 2.5;
            sb.Append(inv, $"<text x=\"{left - 6}\" y=\"{y:0.#}\" font-size=\"{fontSize + 1}\" text-anchor=\"end\">{Esc(matrix.Devices[i])}</text>\n");
            double x = left + i * cell + cell / 2.0 + fontSize / 2.5;
            sb.Append(inv, $"<text transform=\"translate({x:0.#},{top - 6}) rotate(-60)\" font-size=\"{fontSize + 1}\">{Esc(matrix.Devices[i])}</text>\n");
        }
        for (int i = 0; i < d; i++)
            for (int j = 0; j < d; j++)
            {
                double v = matrix[i, j];
                int x = left + j * cell, y = top + i * cell;
                sb.Append(inv, $"<rect x=\"{x}\" y=\"{y}\" width=\"{cell}\" height=\"{cell}\" fill=\"{ColorScale.Hex(T(v))}\" stroke=\"#ffffff\" stroke-width=\"1\"><title>{Esc(matrix.Devices[i])} vs {Esc(matrix.Devices[j])}: {v:0.0000} (n={matrix.PairCount(i, j)})</title></rect>\n");
                if (!double.IsNaN(v) && v < threshold)
                    sb.Append(inv, $"<rect x=\"{x + 1.5}\" y=\"{y + 1.5}\" width=\"{cell - 3}\" height=\"{cell - 3}\" fill=\"none\" stroke=\"#d62728\" stroke-width=\"2\"/>\n");
                var text = double.IsNaN(v) ? "n/a" : v.ToString(".00", inv).Replace("1.00", "1", StringComparison.Ordinal);
                sb.Append(inv, $"<text x=\"{x + cell / 2.0:0.#}\" y=\"{y + cell / 2.0 + fontSize / 2.8:0.#}\" font-size=\"{fontSize}\" text-anchor=\"middle\" fill=\"{ColorScale.TextOn(T(v))}\">{text}</text>\n");
            }
        int bx = left + d * cell + 20, barHeight = d * cell;
        for (int k = 0; k < 100; k++)
        {
            double t = 1 - k / 100.0;
            sb.Append(inv, $"<rect x=\"{bx}\" y=\"{top + k * barHeight / 100.0:0.##}\" width=\"{barWidth}\" height=\"{barHeight / 100.0 + 0.5:0.##}\" fill=\"{ColorScale.Hex(t)}\"/>\n");
        }
        sb.Append(inv, $"<rect x=\"{bx}\" y=\"{top}\" width=\"{barWidth}\" height=\"{barHeight}\" fill=\"none\" stroke=\"#333\"/>\n");
        for (int k = 0; k <= 4; k++)
        {
            double v = hi - k * (hi - lo) / 4;
            double y = top + k * barHeight / 4.0;
            sb.Append(inv, $"<line x1=\"{bx + barWidth}\" y1=\"{y:0.#}\" x2=\"{bx + barWidth + 4}\" y2=\"{y:0.#}\" stroke=\"#333\"/>\n");
            sb.Append(inv, $"<text x=\"{bx + barWidth + 6}\" y=\"{y + 4:0.#}\" font-size=\"{fontSize}\">{v:0.00}</text>\n");
        }
        sb.Append("</svg>\n");
        return sb.ToString();
    }

    internal static string Esc(string s) => SvgText.Escape(s);
}

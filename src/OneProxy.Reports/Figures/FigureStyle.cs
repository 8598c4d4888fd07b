using ScottPlot;
using SkiaSharp;

namespace OneProxy.Reports.Figures;

/// <summary>
/// The house style of every figure: sizes and fonts chosen so that a figure printed at single-column
/// width (3.5 in = 252 pt) keeps its smallest text at 6 pt or more (13 px on a 520 px figure scales to
/// 6.3 pt), a colour-blind-safe palette (Okabe-Ito first) and a distinct marker per series.
/// </summary>
public static class FigureStyle
{
    public const int Width = 520, Height = 400;
    public const float TitleSize = 15, LabelSize = 14, TickSize = 13, LegendSize = 13;

    /// <summary>Column width in points the readability rule is stated for.</summary>
    public const double ColumnPoints = 252;

    // Okabe-Ito without black (kept for references such as the oracle) and yellow (unreadable on white),
    // then Tol's wine, teal and indigo and a grey, so ten series stay distinct.
    public static readonly string[] Palette = ["#D55E00", "#0072B2", "#009E73", "#E69F00", "#CC79A7", "#56B4E9", "#882255", "#44AA99", "#332288", "#999999"];

    public static readonly MarkerShape[] Markers =
    [
        MarkerShape.FilledCircle, MarkerShape.OpenSquare, MarkerShape.FilledTriangleUp, MarkerShape.OpenDiamond,
        MarkerShape.Cross, MarkerShape.OpenTriangleDown, MarkerShape.Eks, MarkerShape.OpenCircle,
    ];

    private static readonly Lazy<string> FontName = new(() =>
    {
        // Prefer a sans font the machine has; the NoDependencies Skia build cannot ask fontconfig, so check by family.
        var families = SKFontManager.Default.GetFontFamilies();
        foreach (var f in new[] { "DejaVu Sans", "Liberation Sans", "Arial", "Helvetica" })
            if (families.Contains(f, StringComparer.OrdinalIgnoreCase)) return f;
        return Fonts.Default;
    });

    public static Color Parse(string hex) => Color.FromHex(hex);

    /// <summary>Width in pixels of <paramref name="text"/> in the house font, for margins the layout cannot size itself.</summary>
    public static float TextWidth(string text, float size)
    {
        using var typeface = SKTypeface.FromFamilyName(FontName.Value);
        using var font = new SKFont(typeface, size);
        return font.MeasureText(text);
    }

    /// <summary>A new plot with the house fonts and sizes, the title wrapped to the figure width.</summary>
    public static Plot NewPlot(string title, string xLabel, string yLabel, int width = Width)
    {
        var plot = new Plot();
        plot.Font.Set(FontName.Value);
        plot.Title(Wrap(SvgText.Clean(title), width, TitleSize));
        plot.Axes.Title.Label.FontSize = TitleSize;
        plot.Axes.Title.Label.Bold = false;
        // Centred on the figure, not on the data area: the title is wrapped to the figure's width, and centred
        // over a data area pushed right by long tick labels it ran off the right edge.
        plot.Axes.Title.FullFigureCenter = true;
        plot.XLabel(SvgText.Clean(xLabel), LabelSize);
        plot.YLabel(SvgText.Clean(yLabel), LabelSize);
        foreach (var axis in new IAxis[] { plot.Axes.Bottom, plot.Axes.Left })
        {
            axis.TickLabelStyle.FontSize = TickSize;
            axis.Label.Bold = false;
        }
        plot.Legend.FontSize = LegendSize;
        plot.Legend.FontName = FontName.Value;
        return plot;
    }

    /// <summary>Round ticks (see <see cref="RoundTicks"/>) on <paramref name="axis"/> for [lo, hi], labelled without trailing zeros.</summary>
    public static double[] SetRoundTicks(IAxis axis, double lo, double hi, int maxTicks = 6, Func<double, string>? label = null)
    {
        var ticks = RoundTicks.Inside(lo, hi, maxTicks);
        var gen = new ScottPlot.TickGenerators.NumericManual();
        foreach (var t in ticks) gen.AddMajor(t, label?.Invoke(t) ?? t.ToString("G6", System.Globalization.CultureInfo.InvariantCulture));
        axis.TickGenerator = gen;
        return ticks;
    }

    /// <summary>Breaks a long title at ": " or ", " (else a space) so that each line fits the figure's width.</summary>
    public static string Wrap(string text, int width, float fontSize) =>
        string.Join('\n', text.Split('\n').Select(line => WrapLine(line, width, fontSize)));

    private static string WrapLine(string text, int width, float fontSize)
    {
        // Characters per line from the measured average width of this line in the house font, with a margin.
        double perChar = text.Length == 0 ? fontSize * 0.55 : TextWidth(text, fontSize) / text.Length;
        int perLine = Math.Max(20, (int)((width - 30) / perChar));
        if (text.Length <= perLine) return text;
        var lines = new List<string>();
        var rest = text;
        for (int guard = 0; rest.Length > perLine && guard < 4; guard++)
        {
            int cut = LastBreak(rest, perLine);
            lines.Add(rest[..cut].TrimEnd());
            rest = rest[cut..].TrimStart();
        }
        lines.Add(rest);
        return string.Join('\n', lines);
    }

    private static int LastBreak(string s, int max)
    {
        foreach (var sep in new[] { ": ", ", ", " " })
        {
            int i = s.LastIndexOf(sep, Math.Min(max, s.Length - 1), StringComparison.Ordinal);
            if (i > max / 3) return i + sep.Length - (sep == " " ? 1 : 0) + (sep == " " ? 1 : 0);
        }
        return max;
    }
}

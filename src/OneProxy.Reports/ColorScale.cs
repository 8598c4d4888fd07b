namespace OneProxy.Reports;

/// <summary>A perceptually ordered sequential colour scale (viridis control points, linear in between).</summary>
public static class ColorScale
{
    private static readonly (double R, double G, double B)[] Viridis =
    [
        (68, 1, 84), (72, 40, 120), (62, 74, 137), (49, 104, 142), (38, 130, 142),
        (31, 158, 137), (53, 183, 121), (109, 205, 89), (180, 222, 44), (253, 231, 37),
    ];

    /// <summary>Colour for t in [0, 1] (clamped) as <c>#rrggbb</c>; NaN is grey.</summary>
    public static string Hex(double t)
    {
        if (double.IsNaN(t)) return "#cccccc";
        var (r, g, b) = Rgb(t);
        return $"#{(int)Math.Round(r):x2}{(int)Math.Round(g):x2}{(int)Math.Round(b):x2}";
    }

    /// <summary>Black or white, whichever reads better on the colour for t.</summary>
    public static string TextOn(double t)
    {
        if (double.IsNaN(t)) return "#000000";
        var (r, g, b) = Rgb(t);
        return 0.299 * r + 0.587 * g + 0.114 * b > 140 ? "#000000" : "#ffffff";
    }

    private static (double, double, double) Rgb(double t)
    {
        t = Math.Clamp(t, 0, 1) * (Viridis.Length - 1);
        int i = Math.Min((int)t, Viridis.Length - 2);
        double f = t - i;
        var a = Viridis[i]; var b = Viridis[i + 1];
        return (a.R + f * (b.R - a.R), a.G + f * (b.G - a.G), a.B + f * (b.B - a.B));
    }
}

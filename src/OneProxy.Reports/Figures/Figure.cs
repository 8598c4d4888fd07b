using ScottPlot;
using SkiaSharp;

namespace OneProxy.Reports.Figures;

/// <summary>
/// A finished plot and its size in CSS pixels; written as SVG (text stays text), PNG (at twice the
/// pixel size, so it stays sharp when printed at column width) or PDF (vector, through SkiaSharp's
/// PDF backend). Every figure writer in the project returns one of these.
/// </summary>
public sealed class Figure
{
    /// <summary>PNG pixels per CSS pixel: 2 gives ~300 dpi at a 3.5 in column for a 520 px figure.</summary>
    public const float PngScale = 2f;

    internal Figure(Plot plot, int width, int height)
    {
        Plot = plot;
        Width = width;
        Height = height;
    }

    internal Plot Plot { get; }

    public int Width { get; }

    public int Height { get; }

    public string ToSvg() => Plot.GetSvgXml(Width, Height);

    /// <summary>
    /// The SVG for embedding in HTML: no XML declaration, and a viewBox so CSS can scale it (the file
    /// form keeps ScottPlot's fixed width and height).
    /// </summary>
    public string ToInlineSvg()
    {
        var svg = ToSvg();
        int start = svg.IndexOf("<svg", StringComparison.Ordinal);
        if (start < 0) throw new InvalidOperationException("the plotting library returned no <svg> element");
        svg = svg[start..];
        return svg.Insert(4, string.Create(System.Globalization.CultureInfo.InvariantCulture, $" viewBox=\"0 0 {Width} {Height}\""));
    }

    public byte[] ToPng()
    {
        Plot.ScaleFactor = PngScale;
        try { return Plot.GetImageBytes((int)(Width * PngScale), (int)(Height * PngScale), ImageFormat.Png); }
        finally { Plot.ScaleFactor = 1; }
    }

    public byte[] ToPdf()
    {
        using var stream = new MemoryStream();
        using (var document = SKDocument.CreatePdf(stream))
        {
            using var canvas = document.BeginPage(Width, Height);
            Plot.Render(canvas, Width, Height);
            document.EndPage();
            document.Close();
        }
        return stream.ToArray();
    }

    /// <summary>Writes the figure in the format its extension names; <paramref name="option"/> names the flag in errors.</summary>
    public void Save(string path, string option = "plot")
    {
        var format = FigureFormats.FromPath(path, option);
        switch (format)
        {
            case FigureFormat.Svg: File.WriteAllText(path, ToSvg()); break;
            case FigureFormat.Png: File.WriteAllBytes(path, ToPng()); break;
            default: File.WriteAllBytes(path, ToPdf()); break;
        }
    }
}

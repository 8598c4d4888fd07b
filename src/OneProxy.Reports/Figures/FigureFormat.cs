namespace OneProxy.Reports.Figures;

/// <summary>The file formats a figure can be written in, chosen by the file name's extension.</summary>
public enum FigureFormat
{
    Svg,
    Png,
    Pdf,
}

/// <summary>Maps a figure path to its format; anything but .svg/.png/.pdf is the user's to fix.</summary>
public static class FigureFormats
{
    /// <summary>The format for <paramref name="path"/>; <paramref name="option"/> names the flag in the error.</summary>
    public static FigureFormat FromPath(string path, string option)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".svg" => FigureFormat.Svg,
            ".png" => FigureFormat.Png,
            ".pdf" => FigureFormat.Pdf,
            var ext => throw new InvalidOptionException(option, $"'{path}' must end in .svg, .png or .pdf (got {(ext.Length == 0 ? "no extension" : $"'{ext}'")})"),
        };
    }
}

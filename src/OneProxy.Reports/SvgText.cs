using System.Security;

namespace OneProxy.Reports;

/// <summary>
/// Text for SVG elements and attributes. XML 1.0 forbids most control characters even escaped, so
/// a device name holding one (readers refuse them, but names also come from stores and code) would
/// make the whole figure unreadable: they become U+FFFD, then the XML specials are escaped.
/// </summary>
public static class SvgText
{
    public static string Escape(string? text) => SecurityElement.Escape(Clean(text)) ?? string.Empty;

    /// <summary>
    /// The text with control characters (line feeds excepted: titles use them) and lone surrogates replaced by U+FFFD, for writers (the plotting
    /// library) that escape the XML specials themselves but pass everything else through.
    /// </summary>
    public static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text)) return string.Empty;
        return string.Create(text.Length, text, static (span, s) =>
        {
            for (int i = 0; i < s.Length; i++)
            {
                char c = s[i];
                bool lone = char.IsHighSurrogate(c) ? i + 1 >= s.Length || !char.IsLowSurrogate(s[i + 1])
                    : char.IsLowSurrogate(c) && (i == 0 || !char.IsHighSurrogate(s[i - 1]));
                span[i] = (char.IsControl(c) && c != '\n') || lone ? '\uFFFD' : c;
            }
        });
    }
}

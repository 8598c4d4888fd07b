namespace OneProxy;

/// <summary>
/// The root of every error a user can fix: bad options, bad files, unusable data, a device or store
/// that refuses. The message is complete and names where the problem is (the option, or file,
/// line and column), so front ends print it as it is and exit with a user-error code. Anything
/// that is not a <see cref="OneProxyException"/> is a bug and is reported as an internal error.
/// </summary>
public abstract class OneProxyException(string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>Cuts user-supplied text to a short prefix so an error never echoes megabytes back.</summary>
    public static string Quote(string? text, int max = 80)
    {
        if (text is null) return "(null)";
        var cut = text.Length <= max ? text : text[..max] + $"... ({text.Length} chars)";
        var chars = cut.Select(c => char.IsControl(c) ? '?' : c).ToArray();
        return new string(chars);
    }
}

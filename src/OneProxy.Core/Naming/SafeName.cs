namespace OneProxy;

/// <summary>
/// Names that end up as file names, CSV headers or store keys (devices, spaces, metrics) are
/// checked once, here: 1-64 characters of letters, digits, '_', '-' and '.', not starting with
/// '.' or '-'. That excludes path separators, "..", control characters, quotes, spaces, commas
/// and shell metacharacters, so a name from a data file can never steer a write elsewhere.
/// </summary>
public static class SafeName
{
    public const int MaxLength = 64;

    public static bool IsValid(string? name) =>
        !string.IsNullOrEmpty(name) && name.Length <= MaxLength && name[0] is not ('.' or '-')
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.');

    /// <summary>The key columns of wide CSV files: a device of that name would export a header its own reader refuses.</summary>
    public static readonly IReadOnlyList<string> Reserved = ["arch", "index"];

    /// <summary>Returns the name or throws an <see cref="InvalidOptionException"/> quoting a short prefix of it.</summary>
    public static string Check(string? name, string option)
    {
        if (IsValid(name) && Reserved.Contains(name!, StringComparer.OrdinalIgnoreCase))
            throw new InvalidOptionException(option, $"name '{name}' is reserved for the key column of CSV files; choose another");
        if (IsValid(name)) return name!;
        throw new InvalidOptionException(option,
            $"name {OneProxyException.Quote(name, 40)} is not allowed: use 1-{MaxLength} letters, digits, '_', '-' or '.', not starting with '.' or '-'");
    }

    /// <summary>
    /// <paramref name="directory"/>/<paramref name="name"/><paramref name="extension"/> after checking
    /// the name, and verifying that the full path stays inside the directory.
    /// </summary>
    public static string FileIn(string directory, string name, string extension, string option)
    {
        Check(name, option);
        var dir = Path.GetFullPath(directory);
        var full = Path.GetFullPath(Path.Combine(dir, name + extension));
        if (!full.StartsWith(dir.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new InvalidOptionException(option, $"name {OneProxyException.Quote(name, 40)} would write outside {directory}");
        return full;
    }
}

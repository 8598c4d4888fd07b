namespace OneProxy.SearchSpaces;

/// <summary>Thrown when a string is not a valid architecture of a search space.</summary>
public sealed class ArchitectureFormatException(string space, string text, string reason)
    : FormatException($"not a valid {space} architecture: {reason} (got \"{Truncate(text)}\")")
{
    public string Space { get; } = space;
    public string Text { get; } = text;
    public string Reason { get; } = reason;

    private static string Truncate(string s) => s.Length <= 120 ? s : s[..117] + "...";
}

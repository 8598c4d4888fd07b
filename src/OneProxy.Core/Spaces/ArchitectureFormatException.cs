namespace OneProxy.SearchSpaces;

/// <summary>Thrown when a string is not a valid architecture of a search space.</summary>
public sealed class ArchitectureFormatException(string space, string text, string reason)
    : OneProxyException($"not a valid {space} architecture: {reason} (got \"{Quote(text, 120)}\")")
{
    public string Space { get; } = space;
    public string Text { get; } = text;
    public string Reason { get; } = reason;
}

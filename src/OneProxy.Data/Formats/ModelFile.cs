using System.Text.Json;
using OneProxy.SearchSpaces;

using OneProxy.Data;

namespace OneProxy.Predictors;

/// <summary>
/// What the versioned model files (linear latency predictor, MLP accuracy predictor) share:
/// reading, and the header checks that refuse a file of another kind, version, space or feature
/// encoding instead of misreading it.
/// </summary>
public static class ModelFile
{
    /// <summary>
    /// Largest model file read: files are read whole, so a bound keeps a wrong path (a dataset, a disk
    /// image) from exhausting memory. A linear predictor is a few kB, the default MLP well under 1 MB.
    /// </summary>
    public const long MaxFileBytes = 256L * 1024 * 1024;

    public static string Read(string path, string kind)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{kind} file not found: {path}", path);
        long size = new FileInfo(path).Length;
        if (size > MaxFileBytes) throw new ModelFileException($"{path}: {size} bytes is larger than any {kind} file ({MaxFileBytes} at most)");
        return File.ReadAllText(path);
    }

    public static T Parse<T>(string json, string source, string kind) where T : class
    {
        try { return JsonSerializer.Deserialize<T>(json) ?? throw new ModelFileException($"{source}: not a valid {kind} file (empty JSON)"); }
        catch (JsonException e) { throw new ModelFileException($"{source}: not a valid {kind} file ({OneProxyException.Quote(e.Message, 200)})"); }
        // Text that is not valid Unicode (a lone surrogate) cannot be JSON; the serializer reports it as an argument error.
        catch (ArgumentException e) when (e.InnerException is System.Text.EncoderFallbackException)
        {
            throw new ModelFileException($"{source}: not a valid {kind} file (text is not valid Unicode)");
        }
    }

    public static void CheckHeader(string source, string kind, string? format, string expectedFormat, int version, int expectedVersion,
        string? space, IReadOnlyList<string>? features, ISearchSpace expectedSpace)
    {
        if (format != expectedFormat)
            throw new ModelFileException($"{source}: not a valid {kind} file (expected \"format\": \"{expectedFormat}\", found '{OneProxyException.Quote(format ?? "", 60)}')");
        if (version != expectedVersion)
            throw new ModelFileException($"{source}: {kind} file version {version} is not supported (this OneProxy reads version {expectedVersion})");
        if (!string.Equals(space, expectedSpace.Name, StringComparison.OrdinalIgnoreCase))
            throw new ModelFileException($"{source}: {kind} is for space '{OneProxyException.Quote(space ?? "", 60)}', not '{expectedSpace.Name}'");
        if (features is null || !features.SequenceEqual(expectedSpace.FeatureNames))
            throw new ModelFileException($"{source}: feature names differ from {expectedSpace.Name}'s encoding ({features?.Count ?? 0} features, expected {expectedSpace.FeatureCount})");
    }
}

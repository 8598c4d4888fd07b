using System.Text.Json;
using System.Text.RegularExpressions;

namespace OneProxy.Service.Api;

/// <summary>
/// Checks on request values. Names are a short safe alphabet, so nothing a client sends can
/// become a path, a shell word or SQL even by mistake (values reach SQL only as parameters anyway).
/// Each check returns the message for a 400, or null when the value is fine.
/// </summary>
public static partial class Validation
{
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
    private static partial Regex NameRegex();

    [GeneratedRegex("^[A-Za-z0-9._:-]{8,128}$")]
    private static partial Regex TokenRegex();

    public static string? Name(string? value) =>
        value is null ? "is required"
        : NameRegex().IsMatch(value) ? null
        : "must be 1-64 characters of letters, digits, '.', '_' or '-', starting with a letter or digit";

    public static string? Token(string? value) =>
        value is null ? "is required" : TokenRegex().IsMatch(value) ? null : "must be 8-128 characters of letters, digits, '.', '_', ':' or '-'";

    public static string? Range(long value, long min, long max) => value >= min && value <= max ? null : $"must be in {min}..{max}, got {value}";

    public static string? Latency(double ms) => double.IsFinite(ms) && ms > 0 && ms < 1e7 ? null : $"must be a finite latency in (0, 1e7) ms, got {ms}";

    public static string? Energy(double mj) => double.IsFinite(mj) && mj > 0 && mj < 1e9 ? null : $"must be a finite energy in (0, 1e9) mJ, got {mj}";

    /// <summary>Device features: at most 32 entries, named like devices, each a number, a boolean or a string of at most 200 characters.</summary>
    public static (string Field, string Message)? Features(IReadOnlyDictionary<string, JsonElement>? features)
    {
        if (features is null) return null;
        if (features.Count > 32) return ("features", $"at most 32 entries, got {features.Count}");
        foreach (var (k, v) in features)
        {
            if (Name(k) is string bad) return ($"features.{(k.Length > 40 ? k[..40] : k)}", "feature name " + bad);
            bool ok = v.ValueKind switch
            {
                JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => true,
                JsonValueKind.String => v.GetString()!.Length <= 200,
                _ => false,
            };
            if (!ok) return ($"features.{k}", "must be a number, a boolean or a string of at most 200 characters");
        }
        return null;
    }
}

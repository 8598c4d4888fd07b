using System.Globalization;
using System.Text.Json;

namespace OneProxy.Measurement;

/// <summary>
/// Parses the agent protocol: one JSON object per line,
/// <c>{"arch": "...", "median_ms": 1.2, "mean_ms": .., "min_ms": .., "std_ms": .., "runs": .., "batch": .., "threads": .., "input": .., "runtime": "..", "energy_mj": ..}</c>
/// or <c>{"arch": "...", "error": "why"}</c>. Blank lines and lines starting with '#' are
/// comments. Anything else is an error naming the source and line: a half-written or garbled
/// result must never be stored as a latency.
/// </summary>
public static class AgentOutputParser
{
    /// <summary>The report on this line, or null for a comment or blank line.</summary>
    public static AgentReport? Parse(string line, string source, long lineNumber)
    {
        ArgumentNullException.ThrowIfNull(line);
        var text = line.Trim();
        if (text.Length == 0 || text[0] == '#') return null;
        string Where(string problem) => $"{source}:{lineNumber}: {problem}: {Shorten(text)}";
        if (text[0] != '{') throw new AgentProtocolException(Where("not a JSON result line"));
        JsonDocument doc;
        try { doc = JsonDocument.Parse(text); }
        catch (JsonException e) { throw new AgentProtocolException(Where($"invalid JSON ({e.Message})")); }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new AgentProtocolException(Where("expected a JSON object"));
            if (!root.TryGetProperty("arch", out var archEl) || archEl.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(archEl.GetString()))
                throw new AgentProtocolException(Where("missing 'arch' (string)"));
            var arch = archEl.GetString()!;
            if (root.TryGetProperty("error", out var err))
                return new AgentFailure(arch, lineNumber, err.ValueKind == JsonValueKind.String ? err.GetString()! : err.GetRawText());
            double median = Number(root, "median_ms", required: true, Where) ?? double.NaN;
            if (median <= 0) throw new AgentProtocolException(Where($"'median_ms' must be > 0, got {median.ToString(CultureInfo.InvariantCulture)}"));
            double? mean = Number(root, "mean_ms", false, Where);
            double? std = Number(root, "std_ms", false, Where);
            double? min = Number(root, "min_ms", false, Where);
            if (min <= 0 || min > median)
                throw new AgentProtocolException(Where($"'min_ms' must be > 0 and at most 'median_ms' ({median.ToString(CultureInfo.InvariantCulture)}), got {min!.Value.ToString(CultureInfo.InvariantCulture)}"));
            if (std < 0) throw new AgentProtocolException(Where("'std_ms' must be >= 0"));
            double? energy = Number(root, "energy_mj", false, Where);
            if (energy <= 0) throw new AgentProtocolException(Where("'energy_mj' must be > 0"));
            int? runs = Integer(root, "runs", Where);
            if (runs < 1) throw new AgentProtocolException(Where("'runs' must be >= 1"));
            string? runtime = root.TryGetProperty("runtime", out var rt) && rt.ValueKind == JsonValueKind.String ? rt.GetString() : null;
            return new AgentMeasurement(arch, lineNumber, median, mean, std, runs,
                Integer(root, "batch", Where), Integer(root, "threads", Where), Integer(root, "input", Where), runtime, min, energy);
        }
    }

    private static double? Number(JsonElement root, string name, bool required, Func<string, string> where)
    {
        if (!root.TryGetProperty(name, out var el) || el.ValueKind == JsonValueKind.Null)
            return required ? throw new AgentProtocolException(where($"missing '{name}'")) : null;
        if (el.ValueKind != JsonValueKind.Number || !el.TryGetDouble(out var v) || !double.IsFinite(v))
            throw new AgentProtocolException(where($"'{name}' must be a finite number, got {el.GetRawText()}"));
        return v;
    }

    private static int? Integer(JsonElement root, string name, Func<string, string> where)
    {
        if (!root.TryGetProperty(name, out var el) || el.ValueKind == JsonValueKind.Null) return null;
        if (el.ValueKind != JsonValueKind.Number || !el.TryGetInt32(out var v))
            throw new AgentProtocolException(where($"'{name}' must be an integer, got {el.GetRawText()}"));
        return v;
    }

    private static string Shorten(string s) => s.Length <= 120 ? s : s[..117] + "...";
}

using System.Text.Json;
using System.Text.Json.Nodes;
using OneProxy.SearchSpaces;

namespace OneProxy.Data.Importers;

/// <summary>
/// Architecture lists in JSON lines, one object per line (blank lines skipped): either
/// <c>{"index": 7, "arch": "text"}</c> with the space's text form, or the architecture itself,
/// e.g. HELP's / OFA's <c>{"ks": [...], "e": [...], "d": [...], "r": 224}</c>, where
/// <c>index</c> is optional (default: the 0-based position among the objects, as in HELP's
/// lists), <c>"r": [224]</c> is unwrapped, and OFA's <c>"wid": null</c> is ignored.
/// </summary>
public static class ArchitectureListReader
{
    /// <summary>True when the file's first non-blank character opens a JSON object (a CSV header never does).</summary>
    public static bool LooksLikeJsonLines(string path)
    {
        using var r = new StreamReader(path);
        int c;
        while ((c = r.Read()) >= 0)
        {
            if (c == '\uFEFF' || char.IsWhiteSpace((char)c)) continue;
            return c == '{';
        }
        return false;
    }

    public static IReadOnlyDictionary<int, Architecture> ReadIndex(string path, ISearchSpace space)
    {
        var map = new Dictionary<int, Architecture>();
        long line = 0;
        int position = 0;
        foreach (var text in File.ReadLines(path))
        {
            line++;
            if (string.IsNullOrWhiteSpace(text)) continue;
            if (text.Length > WideTableReader.MaxRecordBytes)
                throw new DataFormatException(path, line, null, $"line longer than {WideTableReader.MaxRecordBytes} characters");
            JsonObject obj;
            try { obj = JsonNode.Parse(text) as JsonObject ?? throw new DataFormatException(path, line, null, "expected one JSON object per line"); }
            catch (JsonException e) { throw new DataFormatException(path, line, null, $"invalid JSON ({e.Message})"); }
            int index = ReadIndex(obj, path, line, position);
            var arch = Parse(obj, space, path, line);
            if (!map.TryAdd(index, arch))
                throw new DataFormatException(path, line, WideTableReader.IndexColumn, $"index {index} appears twice");
            position++;
        }
        if (map.Count == 0) throw new DataFormatException(path, 1, null, "no architectures (an empty JSON-lines file)");
        return map;
    }

    private static int ReadIndex(JsonObject obj, string path, long line, int position)
    {
        if (obj[WideTableReader.IndexColumn] is not { } node) return position;
        if (node is JsonValue v && v.TryGetValue<int>(out var i) && i >= 0) return i;
        throw new DataFormatException(path, line, WideTableReader.IndexColumn, $"'{OneProxyException.Quote(node.ToJsonString(), 40)}' is not a non-negative integer");
    }

    private static Architecture Parse(JsonObject obj, ISearchSpace space, string path, long line)
    {
        try
        {
            if (obj[WideTableReader.ArchColumn] is { } archNode)
                return space.Parse(archNode is JsonValue s && s.TryGetValue<string>(out var str) ? str : archNode.ToJsonString());
            var copy = new JsonObject();
            foreach (var (key, value) in obj)
            {
                if (key == WideTableReader.IndexColumn || (key == "wid" && value is null)) continue;
                copy[key] = key == "r" && value is JsonArray { Count: 1 } one ? one[0]?.DeepClone() : value?.DeepClone();
            }
            return space.Parse(copy.ToJsonString());
        }
        catch (ArchitectureFormatException e)
        {
            throw new DataFormatException(path, line, WideTableReader.ArchColumn, e.Message);
        }
    }
}

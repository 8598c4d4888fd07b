using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OneProxy.Reports;

/// <summary>
/// JSON output: indented, readable characters left as they are (no <c>\u003E</c> escapes: the
/// output is data, never embedded in HTML), NaN and infinities written as strings instead of
/// failing inside the serializer.
/// </summary>
public static class JsonOutput
{
    public static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    public static string Write<T>(T value) => JsonSerializer.Serialize(value, Options) + "\n";

    /// <summary>A table as an array of objects keyed by column name (cells stay strings as formatted).</summary>
    public static string Write(OutputTable table) =>
        Write(table.Rows.Select(r => table.Columns.Select((c, j) => (c, r[j])).ToDictionary(p => p.c, p => p.Item2)).ToList());
}

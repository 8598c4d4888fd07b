namespace OneProxy.Reports;

/// <summary>How a result is written: aligned text for people, CSV and JSON for programs.</summary>
public enum OutputFormat
{
    Table,
    Csv,
    Json,
}

public static class OutputFormats
{
    public static OutputFormat Parse(string text, string option = "format") => text.ToLowerInvariant() switch
    {
        "table" => OutputFormat.Table,
        "csv" => OutputFormat.Csv,
        "json" => OutputFormat.Json,
        _ => throw new InvalidOptionException(option, $"expected table, csv or json (got {OneProxyException.Quote(text, 20)})"),
    };

    public static string Write(OutputTable table, OutputFormat format) => format switch
    {
        OutputFormat.Csv => CsvOutput.Write(table),
        OutputFormat.Json => JsonOutput.Write(table),
        _ => TextOutput.Write(table),
    };
}

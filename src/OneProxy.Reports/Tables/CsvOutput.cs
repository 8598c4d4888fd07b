using System.Globalization;
using CsvHelper;

namespace OneProxy.Reports;

/// <summary>RFC 4180 CSV through CsvHelper (LF line ends): fields with commas, quotes or line breaks are quoted, never hand-escaped.</summary>
public static class CsvOutput
{
    private static readonly CsvWriterOptions Options = new() { NewLine = "\n" };

    public static string Write(OutputTable table)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = CsvWriter.Create(text, Options, true))
        {
            csv.WriteRecord([.. table.Columns]);
            foreach (var row in table.Rows) csv.WriteRecord([.. row.Select(c => c ?? string.Empty)]);
        }
        return text.ToString();
    }
}

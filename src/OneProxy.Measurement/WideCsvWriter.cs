using System.Globalization;
using CsvHelper;
using OneProxy.Data;
using OneProxy.SearchSpaces;

namespace OneProxy.Measurement;

/// <summary>Writes a wide table as CSV (<c>arch</c>, then one column per device) that <see cref="WideTableReader"/> reads back.</summary>
public static class WideCsvWriter
{
    public static void Write(WideTable table, ISearchSpace space, TextWriter writer)
    {
        var archs = table.RequireArchitectures();
        using var csv = CsvWriter.Create(writer, new CsvWriterOptions { NewLine = "\n" }, true);
        csv.WriteField(WideTableReader.ArchColumn);
        foreach (var name in table.ColumnNames) csv.WriteField(name);
        csv.EndRecord();
        for (int r = 0; r < table.RowCount; r++)
        {
            csv.WriteField(space.Format(archs[r]));
            for (int c = 0; c < table.ColumnNames.Count; c++)
            {
                double v = table.Column(c)[r];
                csv.WriteField(double.IsNaN(v) ? "" : v.ToString("R", CultureInfo.InvariantCulture));
            }
            csv.EndRecord();
        }
        csv.Flush();
    }
}

using System.Globalization;
using CsvHelper;
using OneProxy.SearchSpaces;

namespace OneProxy.Data.Importers;

/// <summary>
/// Writes a wide table as the CSV <see cref="WideTableReader"/> reads: <c>index</c> (when the
/// table has indices), <c>arch</c> (when it has architectures and a space is given), then one
/// column per device; a missing value is an empty cell; numbers round-trip exactly ("R").
/// </summary>
public static class WideCsvOutput
{
    public static void Write(WideTable table, ISearchSpace? space, string path)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is not null) Directory.CreateDirectory(dir);
        // Written next to the target, then moved: a failed import never leaves half a dataset.
        var temp = path + ".partial";
        using (var writer = new StreamWriter(temp))
            Write(table, space, writer);
        File.Move(temp, path, overwrite: true);
    }

    public static void Write(WideTable table, ISearchSpace? space, TextWriter writer)
    {
        bool withIndex = table.Indices is not null, withArch = table.Architectures is not null && space is not null;
        if (!withIndex && !withArch) throw new ArgumentException("a wide table needs indices or architectures (and a space) to be written");
        using var csv = CsvWriter.Create(writer, new CsvWriterOptions { NewLine = "\n" }, true);
        if (withIndex) csv.WriteField(WideTableReader.IndexColumn);
        if (withArch) csv.WriteField(WideTableReader.ArchColumn);
        foreach (var name in table.ColumnNames) csv.WriteField(name);
        csv.EndRecord();
        for (int r = 0; r < table.RowCount; r++)
        {
            if (withIndex) csv.WriteField(table.Indices![r].ToString(CultureInfo.InvariantCulture));
            if (withArch) csv.WriteField(space!.Format(table.Architectures![r]));
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

using CsvHelper;

namespace OneProxy.Data;

/// <summary>
/// The records of a comma-separated file as string fields with their line numbers (header
/// included), parsed by CsvHelper with the same fixed separator and size limit as
/// <see cref="WideTableReader"/>; malformed CSV becomes a <see cref="DataFormatException"/>.
/// For files that are not wide tables (model lists, cost tables) but need RFC 4180 quoting.
/// </summary>
public static class CsvRecords
{
    public static IEnumerable<(string[] Fields, long Line)> Read(string path)
    {
        var options = new CsvReaderOptions
        {
            HasHeader = false,
            TrackLineNumbers = true,
            MalformedData = CsvMalformedDataHandling.Throw,
            Separator = ',',
            MaxRecordSize = WideTableReader.MaxRecordBytes,
            IncludeValuesInExceptions = false,
        };
        using var text = new StreamReader(path);
        using var reader = CsvReader.Create(text, options, false);
        while (true)
        {
            bool more;
            try { more = reader.Read(); }
            catch (CsvFormatException e) { throw new DataFormatException(path, e.LineNumber, null, $"malformed CSV ({e.Message})"); }
            if (!more) yield break;
            var fields = new string[reader.FieldCount];
            for (int i = 0; i < fields.Length; i++) fields[i] = reader.GetString(i);
            if (fields.Length == 1 && string.IsNullOrWhiteSpace(fields[0])) continue;
            yield return (fields, reader.LineNumber);
        }
    }
}

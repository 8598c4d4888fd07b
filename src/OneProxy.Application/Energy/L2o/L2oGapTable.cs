using System.Globalization;
using CsvHelper;
using OneProxy.Data;

namespace OneProxy.Application.L2o;

/// <summary>What the gap figure needs of one unseen device.</summary>
public sealed record L2oGapRow(string Device, double MedianGap, double MaxGap, double NearestGap, double RandomGap);

/// <summary>
/// Reads the per-device CSV of <c>l2o evaluate -f csv</c> back (device, kind, median_gap, max_gap,
/// nearest_device_gap, random_design_gap), so its gap figure can be redrawn without retraining.
/// </summary>
public static class L2oGapTable
{
    public static (string Title, IReadOnlyList<L2oGapRow> Rows) Read(string path)
    {
        if (!File.Exists(path)) throw new UnusableDataException($"{path}: not found (write it with l2o evaluate -f csv -o FILE)");
        using var text = new StreamReader(path);
        using var csv = CsvReader.Create(text, new CsvReaderOptions { HasHeader = false, TrackLineNumbers = true, TrimWhitespace = true, MalformedData = CsvMalformedDataHandling.Throw }, false);
        string[] Fields() => Enumerable.Range(0, csv.FieldCount).Select(i => csv.GetString(i)).ToArray();
        if (!csv.Read()) throw new DataFormatException(path, 1, null, "file is empty (expected a header row)");
        var header = Fields();
        int Col(string c) => Array.IndexOf(header, c) is var i and >= 0 ? i : throw new DataFormatException(path, 1, c, "column missing");
        int device = Col("device"), kind = Col("kind"), median = Col("median_gap"), max = Col("max_gap"), nearest = Col("nearest_device_gap"), random = Col("random_design_gap");
        var rows = new List<L2oGapRow>();
        var kinds = new HashSet<string>(StringComparer.Ordinal);
        while (csv.Read())
        {
            var r = Fields();
            if (r.Length != header.Length) throw new DataFormatException(path, csv.LineNumber, null, $"{r.Length} fields, the header has {header.Length}");
            double Num(int c) => double.TryParse(r[c], NumberStyles.Float, CultureInfo.InvariantCulture, out var v)
                ? v : throw new DataFormatException(path, csv.LineNumber, header[c], $"'{r[c]}' is not a number");
            kinds.Add(r[kind]);
            rows.Add(new L2oGapRow(r[device], Num(median), Num(max), Num(nearest), Num(random)));
        }
        if (rows.Count == 0) throw new UnusableDataException($"{path}: no device rows");
        return (L2oOutput.Title(kinds.SetEquals(["accelerator"])), rows);
    }
}

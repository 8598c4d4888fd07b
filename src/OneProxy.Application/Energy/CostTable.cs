using System.Globalization;
using OneProxy.Data;

namespace OneProxy.Energy.Constraints;

/// <summary>
/// A wide table of designs for two-constraint work: a key column (first), an accuracy column, and
/// per device the columns <c>DEVICE.latency</c> and <c>DEVICE.energy</c> (any units, one per
/// column). Rows with an empty cell in a column that is used are dropped by <see cref="Complete"/>.
/// </summary>
public sealed class CostTable
{
    private readonly Dictionary<string, double[]> _columns;

    private CostTable(string source, string[] keys, Dictionary<string, double[]> columns)
    {
        Source = source;
        Keys = keys;
        _columns = columns;
    }

    public string Source { get; }
    public IReadOnlyList<string> Keys { get; }

    /// <summary>Devices that have both a latency and an energy column.</summary>
    public IReadOnlyList<string> Devices => _columns.Keys.Where(c => c.EndsWith(".latency", StringComparison.Ordinal))
        .Select(c => c[..^".latency".Length]).Where(d => _columns.ContainsKey(d + ".energy")).ToList();

    public double[] Column(string name) => _columns.TryGetValue(name, out var c) ? c
        : throw new InvalidOptionException(name.EndsWith(".latency") || name.EndsWith(".energy") ? "proxy" : "accuracy-column",
            $"{Source} has no column '{name}' (columns: {string.Join(", ", _columns.Keys.Take(12))}{(_columns.Count > 12 ? ", ..." : "")})");

    public static CostTable Read(string path)
    {
        if (!File.Exists(path)) throw new InvalidOptionException("table", $"file not found: {path}");
        using var records = CsvRecords.Read(path).GetEnumerator();
        var header = records.MoveNext() ? records.Current.Fields : throw new DataFormatException(path, 1, null, "empty file");
        if (header.Length < 2) throw new DataFormatException(path, 1, null, "expected a header with a key column and value columns");
        var keys = new List<string>();
        var values = header.Skip(1).Select(_ => new List<double>()).ToArray();
        while (records.MoveNext())
        {
            var (f, line) = records.Current;
            if (f.Length != header.Length) throw new DataFormatException(path, line, null, $"expected {header.Length} fields, found {f.Length}");
            keys.Add(f[0]);
            for (int c = 1; c < header.Length; c++)
            {
                if (string.IsNullOrWhiteSpace(f[c])) { values[c - 1].Add(double.NaN); continue; }
                if (!double.TryParse(f[c], NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !double.IsFinite(v))
                    throw new DataFormatException(path, line, header[c], $"'{f[c]}' is not a number");
                values[c - 1].Add(v);
            }
        }
        if (keys.Count == 0) throw new DataFormatException(path, 2, null, "no rows");
        var columns = new Dictionary<string, double[]>(StringComparer.Ordinal);
        for (int c = 1; c < header.Length; c++) columns[header[c]] = values[c - 1].ToArray();
        return new CostTable(path, keys.ToArray(), columns);
    }

    /// <summary>Row indices with a value in every named column.</summary>
    public int[] Complete(IEnumerable<string> columns)
    {
        var cols = columns.Select(Column).ToArray();
        return Enumerable.Range(0, Keys.Count).Where(r => cols.All(c => !double.IsNaN(c[r]))).ToArray();
    }
}

using System.Globalization;
using System.Text;
using CsvHelper;
using OneProxy.SearchSpaces;

namespace OneProxy.Data;

/// <summary>
/// Reads wide CSV tables. Key columns are <c>index</c> and/or <c>arch</c>; every other column
/// is a value column. Structural errors (bad header, wrong field count, malformed or duplicate
/// architecture, duplicate index, non-numeric or out-of-range value) throw
/// <see cref="DataFormatException"/> naming file, line and column, and nothing is returned.
/// Missing values (empty, <c>-1</c>, <c>NaN</c>) become NaN and are counted per column.
/// </summary>
public static class WideTableReader
{
    public const string IndexColumn = "index";
    public const string ArchColumn = "arch";

    /// <summary>Longest accepted record (a row of 10,000 devices is about 100 kB).</summary>
    public const int MaxRecordBytes = 16 * 1024 * 1024;

    /// <summary>Longest accepted column name; names become CSV headers, store keys and file names.</summary>
    public const int MaxColumnNameLength = 256;

    /// <summary>Largest accepted value: no latency, energy or accuracy is anywhere near it, and beyond it sums overflow.</summary>
    public const double MaxValue = 1e12;

    /// <param name="path">CSV file.</param>
    /// <param name="kind">What the value columns hold.</param>
    /// <param name="space">Parses the <c>arch</c> column; required when there is one.</param>
    /// <param name="architectures">Optional index-to-architecture map for files that only have <c>index</c>.</param>
    public static WideTable Read(string path, ValueKind kind, ISearchSpace? space = null,
        IReadOnlyDictionary<int, Architecture>? architectures = null, bool allowNoValues = false)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"file not found: {path}", path);
        using var reader = new StreamReader(path);
        return Read(reader, path, kind, space, architectures, allowNoValues);
    }

    public static WideTable Read(TextReader text, string source, ValueKind kind, ISearchSpace? space = null,
        IReadOnlyDictionary<int, Architecture>? architectures = null, bool allowNoValues = false)
    {
        var options = new CsvReaderOptions
        {
            HasHeader = false,
            TrackLineNumbers = true,
            TrimWhitespace = true,
            MalformedData = CsvMalformedDataHandling.Throw,
            // A fixed separator: auto-detection guessed from the first lines and turned one bad
            // row there into a misleading "no key column" error at line 1.
            Separator = ',',
            // An unclosed quote or a hostile single line must not grow the buffer to gigabytes.
            MaxRecordSize = MaxRecordBytes,
            IncludeValuesInExceptions = false,
        };
        using var parser = CsvReader.Create(text, options, false);
        if (!SafeRead(parser, source)) throw new DataFormatException(source, 1, null, "file is empty (expected a header row)");
        var header = Fields(parser);
        CheckHeader(source, header);
        int indexCol = Array.IndexOf(header, IndexColumn);
        int archCol = Array.IndexOf(header, ArchColumn);
        if (archCol >= 0 && space is null)
            throw new DataFormatException(source, 1, ArchColumn, "the file has architectures but no search space was given (use --space)");
        var valueCols = Enumerable.Range(0, header.Length).Where(i => i != indexCol && i != archCol).ToArray();
        if (valueCols.Length == 0 && !allowNoValues)
            throw new DataFormatException(source, 1, null, "no value columns besides 'index'/'arch'");

        // Columnar and chunked: no per-row objects, and no doubling List copies of the values.
        var values = valueCols.Select(_ => new ColumnBuilder()).ToArray();
        var archs = archCol >= 0 || (architectures is not null && indexCol >= 0) ? new List<Architecture>() : null;
        var seenIndex = new IndexSet();
        var indices = indexCol >= 0 ? seenIndex.Values : null;
        var seenArch = new Dictionary<Architecture, long>();

        int rowCount = 0;
        while (SafeRead(parser, source))
        {
            long line = parser.LineNumber;
            int fieldCount = parser.FieldCount;
            if (fieldCount == 1 && (IsBlank(parser.GetSpan(0)) || string.IsNullOrWhiteSpace(Field(parser, 0)))) continue;
            if (fieldCount != header.Length)
                throw new DataFormatException(source, line, null,
                    $"has {fieldCount} fields but the header has {header.Length} (truncated or malformed row)");
            if (indexCol >= 0)
            {
                var field = Trimmed(parser.GetSpan(indexCol));
                if (!int.TryParse(field, NumberStyles.Integer, CultureInfo.InvariantCulture, out var idx) || idx < 0)
                {
                    string indexText = Field(parser, indexCol);
                    if (!int.TryParse(indexText, NumberStyles.Integer, CultureInfo.InvariantCulture, out idx) || idx < 0)
                        throw new DataFormatException(source, line, IndexColumn, $"'{OneProxyException.Quote(indexText, 40)}' is not a non-negative integer");
                }
                if (seenIndex.TryGetFirst(idx, out var first))
                    throw new DataFormatException(source, line, IndexColumn, $"duplicate index {idx} (first on line {first})");
                seenIndex.Add(idx, line);
                if (archCol < 0 && architectures is not null)
                {
                    if (!architectures.TryGetValue(idx, out var joined))
                        throw new DataFormatException(source, line, IndexColumn, $"index {idx} has no architecture in the architectures file");
                    archs!.Add(joined);
                }
            }
            if (archCol >= 0)
            {
                Architecture a;
                try { a = space!.Parse(Field(parser, archCol)); }
                catch (ArchitectureFormatException e) { throw new DataFormatException(source, line, ArchColumn, e.Message); }
                archs!.Add(a);
            }
            if (archs is not null)
            {
                var a = archs[^1];
                if (seenArch.TryGetValue(a, out var first))
                    throw new DataFormatException(source, line, ArchColumn, $"duplicate architecture (same network as line {first})");
                seenArch[a] = line;
            }
            rowCount++;
            for (int j = 0; j < valueCols.Length; j++)
            {
                // Fast path for the common plain number; anything else takes the string path,
                // so missing markers and every error message stay exactly as they were.
                var field = Trimmed(parser.GetSpan(valueCols[j]));
                if (double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out var v)
                    && v >= 0 && v <= MaxValue && !(kind == ValueKind.AccuracyPercent && v > 100))
                    values[j].Add(v);
                else
                    values[j].Add(ParseValue(source, line, header[valueCols[j]], Field(parser, valueCols[j]), kind));
            }
        }
        if (rowCount == 0) throw new DataFormatException(source, 2, null, "no data rows after the header");
        var columns = new double[values.Length][];
        for (int j = 0; j < values.Length; j++) columns[j] = values[j].Drain(); // one column's chunks freed at a time
        return new WideTable(source, kind, valueCols.Select(i => header[i]).ToArray(), columns, indices, archs);
    }

    /// <summary>Reads an architectures file (<c>index, arch, ...</c>) into an index map.</summary>
    public static IReadOnlyDictionary<int, Architecture> ReadArchitectureIndex(string path, ISearchSpace space)
    {
        var table = Read(path, ValueKind.AccuracyPercent, space, allowNoValues: true);
        if (table.Indices is null)
            throw new DataFormatException(path, 1, IndexColumn, "an architectures file needs an 'index' column to be joined");
        var archs = table.RequireArchitectures();
        var map = new Dictionary<int, Architecture>(table.RowCount);
        for (int i = 0; i < table.RowCount; i++) map[table.Indices[i]] = archs[i];
        return map;
    }

    /// <summary>
    /// Reads a latency table; when it has no <c>arch</c> column, joins architectures by index
    /// from <paramref name="architecturesPath"/>, or from an <c>architectures.csv</c> beside it.
    /// </summary>
    public static WideTable ReadLatency(string path, ISearchSpace space, string? architecturesPath = null)
    {
        string? header;
        using (var r = new StreamReader(path)) header = r.ReadLine();
        bool hasArch = header is not null && header.Split(',').Any(h => h.Trim() == ArchColumn);
        if (architecturesPath is not null && !File.Exists(architecturesPath))
            throw new FileNotFoundException($"--architectures: file not found: {architecturesPath}", architecturesPath);
        if (!hasArch)
        {
            architecturesPath ??= Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, "architectures.csv");
            if (File.Exists(architecturesPath))
                return Read(path, ValueKind.LatencyMs, space, ReadArchitectureIndex(architecturesPath, space));
        }
        return Read(path, ValueKind.LatencyMs, space);
    }

    private static string Field(CsvReader reader, int i) => reader.GetString(i).Trim();

    private static ReadOnlySpan<byte> Trimmed(ReadOnlySpan<byte> field) => field[Ascii.Trim(field)];

    private static bool IsBlank(ReadOnlySpan<byte> field)
    {
        foreach (var b in field) if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')) return false;
        return true;
    }

    private static string[] Fields(CsvReader reader)
    {
        var fields = new string[reader.FieldCount];
        for (int i = 0; i < fields.Length; i++) fields[i] = reader.GetString(i).Trim();
        return fields;
    }

    private static bool SafeRead(CsvReader reader, string source)
    {
        try { return reader.Read(); }
        catch (CsvFormatException e) { throw new DataFormatException(source, e.LineNumber, null, $"malformed CSV ({e.Message})"); }
    }

    private static void CheckHeader(string source, string[] header)
    {
        for (int i = 0; i < header.Length; i++)
        {
            if (header[i].Length == 0)
                throw new DataFormatException(source, 1, $"#{i + 1}", "empty column name");
            if (header[i].Length > MaxColumnNameLength || header[i].Any(char.IsControl))
                throw new DataFormatException(source, 1, $"#{i + 1}",
                    $"column name {OneProxyException.Quote(header[i], 40)} is longer than {MaxColumnNameLength} characters or holds control characters");
            for (int j = 0; j < i; j++)
                if (header[j] == header[i])
                    throw new DataFormatException(source, 1, header[i], $"duplicate column name (columns {j + 1} and {i + 1})");
        }
        if (!header.Contains(IndexColumn) && !header.Contains(ArchColumn))
            throw new DataFormatException(source, 1, null,
                $"header must have an '{IndexColumn}' or '{ArchColumn}' key column (found: {OneProxyException.Quote(string.Join(", ", header), 200)})");
    }

    private static double ParseValue(string source, long line, string column, string field, ValueKind kind)
    {
        if (field.Length == 0 || field == "-1" || field.Equals("nan", StringComparison.OrdinalIgnoreCase))
            return double.NaN;
        if (!double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
            throw new DataFormatException(source, line, column, $"'{OneProxyException.Quote(field, 40)}' is not a number");
        if (double.IsNaN(v)) return double.NaN;
        if (double.IsInfinity(v))
            throw new DataFormatException(source, line, column, $"'{field}' is not finite");
        if (v == -1) return double.NaN;
        if (v > MaxValue)
            throw new DataFormatException(source, line, column, $"value {field} is implausibly large (above {MaxValue:G3})");
        if (v < 0)
            throw new DataFormatException(source, line, column, $"negative value {field} (only -1 may mark a missing value)");
        if (kind == ValueKind.AccuracyPercent && v > 100)
            throw new DataFormatException(source, line, column, $"accuracy {field} is above 100%");
        return v;
    }
}

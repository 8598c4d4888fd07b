using System.Globalization;
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

    /// <summary>Files at least this large are parsed on all cores (CsvHelper's ordered parallel enumeration).</summary>
    public const long ParallelFromBytes = 4L << 20;

    /// <param name="path">CSV file.</param>
    /// <param name="kind">What the value columns hold.</param>
    /// <param name="space">Parses the <c>arch</c> column; required when there is one.</param>
    /// <param name="architectures">Optional index-to-architecture map for files that only have <c>index</c>.</param>
    /// <param name="only">
    /// Value columns to read, in this order; the others are split off but never parsed (nor
    /// checked). Null: every column.
    /// </param>
    public static WideTable Read(string path, ValueKind kind, ISearchSpace? space = null,
        IReadOnlyDictionary<int, Architecture>? architectures = null, bool allowNoValues = false, IReadOnlyList<string>? only = null)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"file not found: {path}", path);
        // The common file (no quotes, no problems) is parsed from byte spans on all cores; anything
        // else, every error included, is read again below, so messages and checks stay those of CsvHelper.
        return ChunkedWideCsv.TryRead(path, kind, space, architectures, allowNoValues, only)
            ?? ReadGeneral(path, kind, space, architectures, allowNoValues, only);
    }

    /// <summary>The general reader of a file (CsvHelper, RFC 4180 quoting, every error message); <see cref="Read(string, ValueKind, ISearchSpace?, IReadOnlyDictionary{int, Architecture}?, bool, IReadOnlyList{string}?)"/> without its fast path.</summary>
    internal static WideTable ReadGeneral(string path, ValueKind kind, ISearchSpace? space = null,
        IReadOnlyDictionary<int, Architecture>? architectures = null, bool allowNoValues = false, IReadOnlyList<string>? only = null)
    {
        // Lines bound the rows, so every column is allocated once at (nearly) its final size.
        var (lines, length) = LineCount(path);
        using var stream = OpenSkippingUtf8Bom(path);
        using var parser = CsvReader.Create(stream, Options(), false);
        return Read(parser, path, kind, space, architectures, allowNoValues, capacity: lines, parallel: length >= ParallelFromBytes, only);
    }

    public static WideTable Read(TextReader text, string source, ValueKind kind, ISearchSpace? space = null,
        IReadOnlyDictionary<int, Architecture>? architectures = null, bool allowNoValues = false)
    {
        using var parser = CsvReader.Create(text, Options(), false);
        return Read(parser, source, kind, space, architectures, allowNoValues, capacity: -1, parallel: false, only: null);
    }

    internal static CsvReaderOptions Options() => new()
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

    private static WideTable Read(CsvReader parser, string source, ValueKind kind, ISearchSpace? space,
        IReadOnlyDictionary<int, Architecture>? architectures, bool allowNoValues, long capacity, bool parallel, IReadOnlyList<string>? only)
    {
        if (!SafeRead(parser, source)) throw new DataFormatException(source, 1, null, "file is empty (expected a header row)");
        var header = Fields(parser);
        var layout = Layout(source, kind, space, header, allowNoValues, only);

        // Columnar: one typed array per column (sized from the line count when the input is a
        // file), no per-row objects; index duplicates are checked with a bit set.
        var values = new ValueColumns(layout.ValueCols.Length, capacity);
        var archs = layout.ArchCol >= 0 || (architectures is not null && layout.IndexCol >= 0) ? new List<Architecture>() : null;
        var seenIndex = new IndexSet(layout.IndexCol >= 0 ? capacity : 0);
        var indices = layout.IndexCol >= 0 ? seenIndex.Values : null;
        var seenArch = new Dictionary<Architecture, long>();

        // Rows are parsed (numbers, architectures) on any thread; the checks that span rows
        // (duplicates, the join) run here in file order, in the order the sequential reader made
        // them, so the first problem in the file is the one reported, with the same message.
        foreach (var row in Rows(parser, source, layout, parallel))
        {
            if (row.Blank) continue;
            if (row.Stage == ParsedRow.FieldCountStage) throw row.Error!;
            if (layout.IndexCol >= 0)
            {
                if (row.Stage == ParsedRow.IndexStage) throw row.Error!;
                int idx = row.Index;
                if (seenIndex.TryGetFirst(idx, out var first))
                    throw new DataFormatException(source, row.Line, IndexColumn, $"duplicate index {idx} (first on line {first})");
                seenIndex.Add(idx, row.Line);
                if (layout.ArchCol < 0 && architectures is not null)
                {
                    if (!architectures.TryGetValue(idx, out var joined))
                        throw new DataFormatException(source, row.Line, IndexColumn, $"index {idx} has no architecture in the architectures file");
                    archs!.Add(joined);
                }
            }
            if (layout.ArchCol >= 0)
            {
                if (row.Stage == ParsedRow.ArchStage) throw row.Error!;
                archs!.Add(row.Arch!);
            }
            if (archs is not null)
            {
                var a = archs[^1];
                if (seenArch.TryGetValue(a, out var first))
                    throw new DataFormatException(source, row.Line, ArchColumn, $"duplicate architecture (same network as line {first})");
                seenArch[a] = row.Line;
            }
            if (row.Stage == ParsedRow.ValueStage) throw row.Error!;
            values.Append(row.Values.AsSpan(0, layout.ValueCols.Length));
            row.Return();
        }
        if (values.Rows == 0) throw new DataFormatException(source, 2, null, "no data rows after the header");
        var (columns, rows) = values.Finish();
        return new WideTable(source, kind, layout.ValueCols.Select(i => header[i]).ToArray(), columns, rows, indices, archs);
    }

    internal static RowLayout Layout(string source, ValueKind kind, ISearchSpace? space, string[] header, bool allowNoValues,
        IReadOnlyList<string>? only)
    {
        CheckHeader(source, header);
        var layout = new RowLayout(source, kind, space, header, only);
        if (layout.ArchCol >= 0 && space is null)
            throw new DataFormatException(source, 1, ArchColumn, "the file has architectures but no search space was given (use --space)");
        if (layout.ValueCols.Length == 0 && !allowNoValues)
            throw new DataFormatException(source, 1, null, "no value columns besides 'index'/'arch'");
        return layout;
    }

    /// <summary>The data records, parsed, in file order: on several threads for large files.</summary>
    private static IEnumerable<ParsedRow> Rows(CsvReader parser, string source, RowLayout layout, bool parallel)
    {
        if (!parallel || Environment.ProcessorCount == 1)
        {
            while (SafeRead(parser, source)) yield return layout.Parse(parser);
            yield break;
        }
        using var rows = parser.ParallelEnumerate(p => layout.Parse(p), -1).GetEnumerator();
        while (true)
        {
            bool more;
            try { more = rows.MoveNext(); }
            catch (CsvFormatException e) { throw new DataFormatException(source, e.LineNumber, null, $"malformed CSV ({e.Message})"); }
            if (!more) yield break;
            yield return rows.Current;
        }
    }

    /// <summary>Newlines in the file (plus one for a last line without one): an upper bound on its records.</summary>
    private static (long Lines, long Bytes) LineCount(string path)
    {
        using var f = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        var buffer = new byte[1 << 20];
        long lines = 1, bytes = 0;
        int n;
        while ((n = f.Read(buffer, 0, buffer.Length)) > 0)
        {
            lines += buffer.AsSpan(0, n).Count((byte)'\n');
            bytes += n;
        }
        return (lines, bytes);
    }

    internal static FileStream OpenSkippingUtf8Bom(string path)
    {
        var f = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        Span<byte> bom = stackalloc byte[3];
        int n = f.ReadAtLeast(bom, 3, throwOnEndOfStream: false);
        // StreamReader dropped a UTF-8 byte order mark; CsvHelper's byte reader leaves it in the first column name.
        f.Position = n == 3 && bom[0] == 0xEF && bom[1] == 0xBB && bom[2] == 0xBF ? 3 : 0;
        return f;
    }

    /// <summary>
    /// Reads an architectures file into an index map: a CSV (<c>index, arch, ...</c>) or JSON lines
    /// (<see cref="Importers.ArchitectureListReader"/>, e.g. HELP's OFA MobileNet-V3 list).
    /// </summary>
    public static IReadOnlyDictionary<int, Architecture> ReadArchitectureIndex(string path, ISearchSpace space)
    {
        if (Importers.ArchitectureListReader.LooksLikeJsonLines(path))
            return Importers.ArchitectureListReader.ReadIndex(path, space);
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
    /// from <paramref name="architecturesPath"/>, or from an <c>architectures.csv</c> (else
    /// <c>architectures.jsonl</c>) beside it.
    /// </summary>
    public static WideTable ReadLatency(string path, ISearchSpace space, string? architecturesPath = null, IReadOnlyList<string>? only = null)
    {
        string? header;
        using (var r = new StreamReader(path)) header = r.ReadLine();
        bool hasArch = header is not null && header.Split(',').Any(h => h.Trim() == ArchColumn);
        if (architecturesPath is not null && !File.Exists(architecturesPath))
            throw new FileNotFoundException($"--architectures: file not found: {architecturesPath}", architecturesPath);
        if (!hasArch)
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
            architecturesPath ??= File.Exists(Path.Combine(folder, "architectures.csv"))
                ? Path.Combine(folder, "architectures.csv") : Path.Combine(folder, "architectures.jsonl");
            if (File.Exists(architecturesPath))
                return Read(path, ValueKind.LatencyMs, space, ReadArchitectureIndex(architecturesPath, space), only: only);
        }
        return Read(path, ValueKind.LatencyMs, space, only: only);
    }

    internal static string Field(CsvReader reader, int i) => reader.GetString(i).Trim();

    internal static string[] Fields(CsvReader reader)
    {
        var fields = new string[reader.FieldCount];
        for (int i = 0; i < fields.Length; i++) fields[i] = reader.GetString(i).Trim();
        return fields;
    }

    internal static bool SafeRead(CsvReader reader, string source)
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

    internal static double ParseValue(string source, long line, string column, string field, ValueKind kind)
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
        // A latency or energy of 0 is no measurement (the store refuses it too); a missing one is empty or -1.
        if (kind == ValueKind.LatencyMs && v == 0)
            throw new DataFormatException(source, line, column, $"latency {field} is not a measurement (leave the cell empty or -1 when it was not measured)");
        return v;
    }
}

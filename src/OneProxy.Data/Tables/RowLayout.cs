using System.Buffers;
using System.Globalization;
using System.Text;
using CsvHelper;
using OneProxy.SearchSpaces;

namespace OneProxy.Data;

/// <summary>
/// One data record of a wide CSV, parsed: its index, architecture and values, or the first
/// problem found in it and at which step (so the reader can still run the checks that span rows,
/// like duplicates, in the order the sequential reader ran them).
/// </summary>
internal readonly struct ParsedRow
{
    public const int NoError = 0, FieldCountStage = 1, IndexStage = 2, ArchStage = 3, ValueStage = 4;

    public ParsedRow(long line, bool blank, int stage, Exception? error, int index, Architecture? arch, double[]? values)
    {
        Line = line; Blank = blank; Stage = stage; Error = error; Index = index; Arch = arch; Values = values;
    }

    public long Line { get; }
    public bool Blank { get; }
    public int Stage { get; }
    public Exception? Error { get; }
    public int Index { get; }
    public Architecture? Arch { get; }

    /// <summary>Parsed values (rented: longer than the value columns), or null after an error before the values.</summary>
    public double[]? Values { get; }

    public void Return()
    {
        if (Values is not null) ArrayPool<double>.Shared.Return(Values);
    }
}

/// <summary>
/// Which columns of a wide CSV are keys and which are values, and how one record is parsed:
/// safe to call from several threads at once (it keeps no state between records).
/// </summary>
internal sealed class RowLayout
{
    private readonly string _source;
    private readonly ValueKind _kind;
    private readonly ISearchSpace? _space;
    private readonly string[] _header;

    /// <param name="only">Value columns to read, in this order (the others are not parsed); null: all.</param>
    public RowLayout(string source, ValueKind kind, ISearchSpace? space, string[] header, IReadOnlyList<string>? only = null)
    {
        _source = source;
        _kind = kind;
        _space = space;
        _header = header;
        IndexCol = Array.IndexOf(header, WideTableReader.IndexColumn);
        ArchCol = Array.IndexOf(header, WideTableReader.ArchColumn);
        var all = Enumerable.Range(0, header.Length).Where(i => i != IndexCol && i != ArchCol).ToArray();
        if (only is null)
        {
            ValueCols = all;
            return;
        }
        var dup = only.GroupBy(n => n).FirstOrDefault(g => g.Count() > 1);
        if (dup is not null) throw new UnusableDataException($"column '{dup.Key}' requested twice");
        ValueCols = only.Select(name =>
        {
            int i = Array.IndexOf(header, name);
            return i >= 0 && i != IndexCol && i != ArchCol
                ? i
                : throw new UnusableDataException($"no column '{name}' in {source} (columns: {string.Join(", ", all.Select(j => header[j]))})");
        }).ToArray();
    }


    public int IndexCol { get; }
    public int ArchCol { get; }
    public int[] ValueCols { get; }

    /// <param name="lineOffset">Lines before the input the parser reads (a line read on its own is line 1 of its slice).</param>
    public ParsedRow Parse(CsvReader parser, long lineOffset = 0)
    {
        long line = parser.LineNumber + lineOffset;
        int fieldCount = parser.FieldCount;
        if (fieldCount == 1 && (IsBlank(parser.GetSpan(0)) || string.IsNullOrWhiteSpace(WideTableReader.Field(parser, 0))))
            return new ParsedRow(line, true, ParsedRow.NoError, null, 0, null, null);
        if (fieldCount != _header.Length)
            return Failed(line, ParsedRow.FieldCountStage, new DataFormatException(_source, line, null,
                $"has {fieldCount} fields but the header has {_header.Length} (truncated or malformed row)"), 0, null);
        int idx = 0;
        if (IndexCol >= 0)
        {
            var field = Trimmed(parser.GetSpan(IndexCol));
            if (!int.TryParse(field, NumberStyles.Integer, CultureInfo.InvariantCulture, out idx) || idx < 0)
            {
                string indexText = WideTableReader.Field(parser, IndexCol);
                if (!int.TryParse(indexText, NumberStyles.Integer, CultureInfo.InvariantCulture, out idx) || idx < 0)
                    return Failed(line, ParsedRow.IndexStage, new DataFormatException(_source, line, WideTableReader.IndexColumn,
                        $"'{OneProxyException.Quote(indexText, 40)}' is not a non-negative integer"), 0, null);
            }
        }
        Architecture? arch = null;
        if (ArchCol >= 0)
        {
            try { arch = _space!.Parse(WideTableReader.Field(parser, ArchCol)); }
            catch (ArchitectureFormatException e)
            {
                return Failed(line, ParsedRow.ArchStage, new DataFormatException(_source, line, WideTableReader.ArchColumn, e.Message), idx, null);
            }
        }
        var values = ArrayPool<double>.Shared.Rent(Math.Max(1, ValueCols.Length));
        for (int j = 0; j < ValueCols.Length; j++)
        {
            // Fast paths for the common plain number; anything else takes the string path, so
            // missing markers and every error message stay exactly as they were.
            var field = Trimmed(parser.GetSpan(ValueCols[j]));
            if ((FastDecimal.TryParse(field, out var v) || double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out v))
                && (v > 0 || (v == 0 && _kind == ValueKind.AccuracyPercent)) && v <= WideTableReader.MaxValue && !(_kind == ValueKind.AccuracyPercent && v > 100))
            {
                values[j] = v;
                continue;
            }
            try { values[j] = WideTableReader.ParseValue(_source, line, _header[ValueCols[j]], WideTableReader.Field(parser, ValueCols[j]), _kind); }
            catch (DataFormatException e)
            {
                ArrayPool<double>.Shared.Return(values);
                return Failed(line, ParsedRow.ValueStage, e, idx, arch);
            }
        }
        return new ParsedRow(line, false, ParsedRow.NoError, null, idx, arch, values);
    }

    private static ParsedRow Failed(long line, int stage, Exception error, int index, Architecture? arch) =>
        new(line, false, stage, error, index, arch, null);

    private static ReadOnlySpan<byte> Trimmed(ReadOnlySpan<byte> field) => field[Ascii.Trim(field)];

    private static bool IsBlank(ReadOnlySpan<byte> field)
    {
        foreach (var b in field) if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')) return false;
        return true;
    }
}

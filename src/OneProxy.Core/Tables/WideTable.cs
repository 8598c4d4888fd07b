using OneProxy.SearchSpaces;

namespace OneProxy.Data;

/// <summary>
/// A "wide" table: one row per architecture, one value column per device (latency) or metric
/// (accuracy). Values are stored column-major; a missing value is <see cref="double.NaN"/>.
/// Immutable once built, unless its owner hands the values over (<see cref="HandOverColumns"/>).
/// </summary>
public sealed class WideTable
{
    private readonly double[][] _columns;
    private readonly Dictionary<string, int> _columnIndex;

    public WideTable(string source, ValueKind kind, IReadOnlyList<string> columnNames, double[][] columns,
        IReadOnlyList<int>? indices, IReadOnlyList<Architecture>? architectures)
        : this(source, kind, columnNames, columns, columns.Length > 0 ? columns[0].Length : indices?.Count ?? architectures?.Count ?? 0,
            indices, architectures, exactLength: true)
    {
    }

    /// <summary>
    /// A table over the first <paramref name="rowCount"/> values of each array: a reader that
    /// sized its columns from a bound on the rows hands them over without copying.
    /// </summary>
    public WideTable(string source, ValueKind kind, IReadOnlyList<string> columnNames, double[][] columns, int rowCount,
        IReadOnlyList<int>? indices, IReadOnlyList<Architecture>? architectures)
        : this(source, kind, columnNames, columns, rowCount, indices, architectures, exactLength: false)
    {
    }

    private WideTable(string source, ValueKind kind, IReadOnlyList<string> columnNames, double[][] columns, int rows,
        IReadOnlyList<int>? indices, IReadOnlyList<Architecture>? architectures, bool exactLength)
    {
        if (columnNames.Count != columns.Length)
            throw new ArgumentException($"{columnNames.Count} column names for {columns.Length} columns");
        if (rows < 0) throw new ArgumentException($"negative row count {rows}");
        foreach (var c in columns)
            if (exactLength ? c.Length != rows : c.Length < rows)
                throw new ArgumentException($"columns have different lengths ({c.Length} vs {rows})");
        if (indices is not null && indices.Count != rows) throw new ArgumentException($"{indices.Count} indices for {rows} rows");
        if (architectures is not null && architectures.Count != rows) throw new ArgumentException($"{architectures.Count} architectures for {rows} rows");
        Source = source;
        Kind = kind;
        ColumnNames = columnNames;
        _columns = columns;
        Indices = indices;
        Architectures = architectures;
        RowCount = rows;
        _columnIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < columnNames.Count; i++) _columnIndex[columnNames[i]] = i;
        var missing = new Dictionary<string, int>(columnNames.Count, StringComparer.Ordinal);
        for (int i = 0; i < columns.Length; i++) missing[columnNames[i]] = CountNaN(columns[i].AsSpan(0, rows));
        MissingCounts = missing;
    }

    public string Source { get; }
    public ValueKind Kind { get; }
    public IReadOnlyList<string> ColumnNames { get; }
    public int RowCount { get; }

    /// <summary>Value of the <c>index</c> key column per row, if the file had one.</summary>
    public IReadOnlyList<int>? Indices { get; }

    /// <summary>Parsed architecture per row, if the file (or a joined architectures file) had them.</summary>
    public IReadOnlyList<Architecture>? Architectures { get; }

    /// <summary>Missing values per column (excluded for that column only).</summary>
    public IReadOnlyDictionary<string, int> MissingCounts { get; }

    public ReadOnlySpan<double> Column(int column) =>
        _handedOver ? throw new InvalidOperationException($"the values of {Source} were handed over (HandOverColumns)") : _columns[column].AsSpan(0, RowCount);

    private bool _handedOver;

    /// <summary>
    /// Gives the value arrays (each at least <see cref="RowCount"/> long) to one consumer that may
    /// overwrite them, such as an SRCC matrix ranked in place, so that a table of millions of rows
    /// is not held twice; afterwards this table's values cannot be read (names, counts and keys can).
    /// Tables made by <see cref="WithColumns"/> share the arrays: only the last owner may hand them over.
    /// </summary>
    public double[][] HandOverColumns()
    {
        if (_handedOver) throw new InvalidOperationException($"the values of {Source} were already handed over");
        _handedOver = true;
        return _columns;
    }
    public ReadOnlySpan<double> Column(string name) => Column(ColumnIndexOf(name));

    private static int CountNaN(ReadOnlySpan<double> values)
    {
        int n = 0;
        foreach (var v in values) if (double.IsNaN(v)) n++;
        return n;
    }

    public int ColumnIndexOf(string name) =>
        _columnIndex.TryGetValue(name, out var i)
            ? i
            : throw new UnusableDataException($"no column '{name}' in {Source} (columns: {string.Join(", ", ColumnNames)})");

    public bool HasColumn(string name) => _columnIndex.ContainsKey(name);

    /// <summary>Rows of a column that hold a value (missing values are NaN and excluded), in row order.</summary>
    public int[] MeasuredRows(string name) => MeasuredRows(Column(name));

    /// <summary>Indices of the non-NaN entries of a column.</summary>
    public static int[] MeasuredRows(ReadOnlySpan<double> column)
    {
        var rows = new List<int>(column.Length);
        for (int i = 0; i < column.Length; i++)
            if (!double.IsNaN(column[i])) rows.Add(i);
        return [.. rows];
    }

    /// <summary>A table with only the named columns, in the given order.</summary>
    public WideTable WithColumns(IReadOnlyList<string> names)
    {
        var dup = names.GroupBy(n => n).FirstOrDefault(g => g.Count() > 1);
        if (dup is not null) throw new UnusableDataException($"column '{dup.Key}' requested twice");
        if (_handedOver) throw new InvalidOperationException($"the values of {Source} were handed over (HandOverColumns)");
        return new WideTable(Source, Kind, names.ToArray(), names.Select(n => _columns[ColumnIndexOf(n)]).ToArray(), RowCount, Indices, Architectures);
    }

    /// <summary>A table with only the given rows (indices into this one), in the given order.</summary>
    public WideTable SelectRows(IReadOnlyList<int> rows)
    {
        foreach (var r in rows)
            if ((uint)r >= (uint)RowCount) throw new ArgumentOutOfRangeException(nameof(rows), $"row {r} is outside the {RowCount} rows");
        var columns = new double[_columns.Length][];
        for (int c = 0; c < columns.Length; c++)
        {
            var from = Column(c);
            var to = columns[c] = new double[rows.Count];
            for (int i = 0; i < to.Length; i++) to[i] = from[rows[i]];
        }
        return new WideTable(Source, Kind, ColumnNames, columns, Indices is null ? null : rows.Select(r => Indices[r]).ToList(),
            Architectures is null ? null : rows.Select(r => Architectures[r]).ToList());
    }

    /// <summary>The architectures, or a clear error if this table has none.</summary>
    public IReadOnlyList<Architecture> RequireArchitectures() =>
        Architectures ?? throw new UnusableDataException(
            $"{Source} has no 'arch' column and no architectures file was joined; pass --architectures");
}

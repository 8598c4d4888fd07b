namespace OneProxy.Data;

/// <summary>
/// The value columns of a table being read, one typed array per column. With a known bound on
/// the rows (the file's line count) each column is allocated once at that size and never
/// copied; without one, columns grow in chunks (<see cref="ColumnBuilder"/>) and are copied once
/// at the end.
/// </summary>
internal sealed class ValueColumns
{
    private readonly double[][]? _arrays;
    private readonly ColumnBuilder[]? _chunks;

    public ValueColumns(int columns, long capacity)
    {
        if (capacity > 0 && capacity <= Array.MaxLength)
        {
            _arrays = new double[columns][];
            for (int j = 0; j < columns; j++) _arrays[j] = new double[capacity];
        }
        else _chunks = Enumerable.Range(0, columns).Select(_ => new ColumnBuilder()).ToArray();
    }

    public int Rows { get; private set; }

    public void Append(ReadOnlySpan<double> row)
    {
        if (_arrays is not null)
        {
            // The line count bounds the records, so this only grows if the file grew while read.
            if (_arrays.Length > 0 && Rows == _arrays[0].Length)
                for (int j = 0; j < _arrays.Length; j++)
                    Array.Resize(ref _arrays[j], (int)Math.Min(Array.MaxLength, Rows + (long)Rows / 2 + 16));
            for (int j = 0; j < row.Length; j++) _arrays[j][Rows] = row[j];
        }
        else
            for (int j = 0; j < row.Length; j++) _chunks![j].Add(row[j]);
        Rows++;
    }

    /// <summary>The columns (possibly longer than <see cref="Rows"/>: a table reads only its rows) and the row count.</summary>
    public (double[][] Columns, int Rows) Finish()
    {
        if (_arrays is not null) return (_arrays, Rows);
        var columns = new double[_chunks!.Length][];
        for (int j = 0; j < columns.Length; j++) columns[j] = _chunks[j].Drain(); // one column's chunks freed at a time
        return (columns, Rows);
    }
}

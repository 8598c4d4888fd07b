using System.Globalization;

namespace OneProxy.Reports;

/// <summary>
/// A result as named columns of already-formatted cells: the one shape that every command's
/// output takes before it is written as CSV (<see cref="CsvOutput"/>), an aligned text table
/// (<see cref="TextOutput"/>) or JSON (<see cref="JsonOutput"/>). Cells are strings so each
/// producer keeps control of its number formats (the docs quote them).
/// </summary>
public sealed class OutputTable
{
    private readonly List<string?[]> _rows = [];

    public OutputTable(params string[] columns)
    {
        if (columns.Length == 0) throw new ArgumentException("a table needs at least one column");
        Columns = columns;
    }

    public IReadOnlyList<string> Columns { get; }
    public IReadOnlyList<IReadOnlyList<string?>> Rows => _rows;

    /// <summary>Adds a row; its length must match the columns.</summary>
    public OutputTable Add(params string?[] cells)
    {
        if (cells.Length != Columns.Count) throw new ArgumentException($"row has {cells.Length} cells for {Columns.Count} columns");
        _rows.Add(cells);
        return this;
    }

    /// <summary>Invariant-culture number formatting; NaN stays "NaN" so a missing value is visible, not blank.</summary>
    public static string Num(double value, string format = "G6") => value.ToString(format, CultureInfo.InvariantCulture);

    public static string Num(int value) => value.ToString(CultureInfo.InvariantCulture);
}

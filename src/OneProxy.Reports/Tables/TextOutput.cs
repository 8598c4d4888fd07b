using System.Text;

namespace OneProxy.Reports;

/// <summary>An aligned plain-text table for terminals: text columns left-aligned, numeric columns right-aligned.</summary>
public static class TextOutput
{
    public static string Write(OutputTable table)
    {
        int n = table.Columns.Count;
        var width = new int[n];
        var numeric = new bool[n];
        for (int j = 0; j < n; j++)
        {
            width[j] = table.Columns[j].Length;
            numeric[j] = table.Rows.Count > 0;
            foreach (var row in table.Rows)
            {
                var cell = Printable(row[j]);
                width[j] = Math.Max(width[j], cell.Length);
                if (cell.Length > 0 && !double.TryParse(cell, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _)) numeric[j] = false;
            }
        }
        var sb = new StringBuilder();
        void Line(IReadOnlyList<string?> cells)
        {
            for (int j = 0; j < n; j++)
            {
                var c = Printable(cells[j]);
                sb.Append(numeric[j] ? c.PadLeft(width[j]) : c.PadRight(width[j]));
                if (j < n - 1) sb.Append("  ");
            }
            sb.Append('\n');
        }
        Line(table.Columns);
        foreach (var row in table.Rows) Line(row);
        return sb.ToString();
    }

    // Control characters from input names would corrupt a terminal; show them as '?'.
    private static string Printable(string? s) => s is null ? "" : string.Concat(s.Select(c => char.IsControl(c) ? '?' : c));
}

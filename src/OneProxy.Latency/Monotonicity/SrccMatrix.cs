using OneProxy.Data;

namespace OneProxy.Monotonicity;

/// <summary>Pairwise SRCC between devices, with the number of architectures each value used.</summary>
public sealed class SrccMatrix
{
    private readonly double[,] _values;
    private readonly int[,]? _pairs;
    private readonly int _rows;

    public SrccMatrix(IReadOnlyList<string> devices, double[,] values, int[,] pairs)
    {
        int n = devices.Count;
        if (values.GetLength(0) != n || values.GetLength(1) != n || pairs.GetLength(0) != n || pairs.GetLength(1) != n)
            throw new ArgumentException($"matrix sizes must be {n}x{n} for {n} devices");
        Devices = devices;
        _values = values;
        _pairs = pairs;
    }

    // Every column complete: each pair used all rows, so no d x d count matrix is kept.
    private SrccMatrix(IReadOnlyList<string> devices, double[,] values, int rows)
    {
        Devices = devices;
        _values = values;
        _rows = rows;
    }

    public IReadOnlyList<string> Devices { get; }
    public double this[int i, int j] => _values[i, j];
    public double this[string a, string b] => _values[IndexOf(a), IndexOf(b)];

    /// <summary>Architectures measured on both devices (all rows unless values are missing).</summary>
    public int PairCount(int i, int j) => _pairs is null ? CheckedRows(i, j) : _pairs[i, j];

    private int CheckedRows(int i, int j)
    {
        _ = _values[i, j]; // same bounds check as a stored count
        return _rows;
    }

    public int IndexOf(string device)
    {
        for (int i = 0; i < Devices.Count; i++) if (Devices[i] == device) return i;
        throw new UnusableDataException($"device '{device}' is not in the matrix (devices: {string.Join(", ", Devices)})");
    }

    /// <summary>
    /// SRCC of every pair of columns. Columns are ranked once; complete columns are correlated
    /// through one blocked SIMD product of their centred ranks (<see cref="RankGram"/>), pairs
    /// involving a column with missing values are re-ranked over the rows both devices measured
    /// (<see cref="CentredRankPanel.PairwiseComplete"/>). Work is spread over all cores.
    /// </summary>
    public static SrccMatrix Compute(WideTable table, IReadOnlyList<int>? rows = null)
    {
        int d = table.ColumnNames.Count;
        if (rows is null) return Compute(table.ColumnNames, table.RowCount, c => table.Column(c));
        var columns = new double[d][];
        for (int c = 0; c < d; c++)
        {
            var full = table.Column(c);
            var picked = new double[rows.Count];
            for (int r = 0; r < picked.Length; r++) picked[r] = full[rows[r]];
            columns[c] = picked;
        }
        return Compute(table.ColumnNames, columns);
    }

    public static SrccMatrix Compute(IReadOnlyList<string> names, double[][] columns)
    {
        int d = columns.Length;
        if (names.Count != d) throw new ArgumentException($"{names.Count} names for {d} columns");
        int n = d == 0 ? 0 : columns[0].Length;
        foreach (var c in columns)
            if (c.Length != n) throw new ArgumentException($"columns differ in length: {c.Length} vs {n}");
        return Compute(names, n, c => columns[c]);
    }

    /// <param name="names">Device names, one per column.</param>
    /// <param name="rows">Values per column.</param>
    /// <param name="source">The columns, read in place.</param>
    /// <param name="threads">Cores to use (-1: all).</param>
    public static SrccMatrix Compute(IReadOnlyList<string> names, int rows, ColumnSource source, int threads = -1,
        CancellationToken cancel = default) =>
        FromPanel(names, CentredRankPanel.Build(names.Count, rows, source, threads, cancel), threads, cancel);

    /// <summary>
    /// The same matrix from columns the caller gives up: when every column is complete they are
    /// ranked in place (<see cref="CentredRankPanel.BuildInPlace"/>: no separate rank panel, the
    /// values are overwritten); otherwise they are read as they are and left intact.
    /// </summary>
    /// <param name="rows">Values per column (arrays may be longer).</param>
    public static SrccMatrix ComputeInPlace(IReadOnlyList<string> names, int rows, double[][] columns, int threads = -1,
        CancellationToken cancel = default)
    {
        if (names.Count != columns.Length) throw new ArgumentException($"{names.Count} names for {columns.Length} columns");
        var panel = CentredRankPanel.BuildInPlace(rows, columns, threads, cancel);
        return panel is null ? Compute(names, rows, c => columns[c].AsSpan(0, rows), threads, cancel) : FromPanel(names, panel, threads, cancel);
    }

    /// <summary>The matrix from columns already ranked (benchmarks time the two steps apart).</summary>
    public static SrccMatrix FromPanel(IReadOnlyList<string> names, CentredRankPanel panel, int threads = -1, CancellationToken cancel = default)
    {
        int d = names.Count, rows = panel.Rows;
        if (panel.Columns != d) throw new ArgumentException($"{d} names for a panel of {panel.Columns} columns");
        var values = new double[d, d];
        int[,]? pairs = panel.AllComplete ? null : new int[d, d];
        int padded = panel.PaddedColumns;
        // Row panels bound the scratch to PanelRows x devices however many devices there are.
        int panelRows = Math.Min(padded, PanelRows);
        var products = new double[(long)panelRows * padded];
        var options = new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = cancel };
        for (int r0 = 0; r0 < padded; r0 += panelRows)
        {
            int r1 = Math.Min(padded, r0 + panelRows);
            if (panel.Complete.AsSpan(r0, Math.Min(r1, d) - r0).Contains(true))
                panel.Products(r0, r1, r0, padded, upperOnly: true, products, padded, threads, cancel);
            Parallel.For(r0, Math.Min(r1, d), options, () => (double[]?)null, (i, _, scratch) =>
            {
                for (int j = i; j < d; j++)
                {
                    double v; int count;
                    if (panel.Complete[i] && panel.Complete[j]) { v = panel.FromDot(i, j, products[(long)(i - r0) * padded + j]); count = rows; }
                    else (v, count) = panel.PairwiseComplete(i, j, scratch ??= new double[2 * rows]);
                    values[i, j] = values[j, i] = v;
                    if (pairs is not null) pairs[i, j] = pairs[j, i] = count;
                }
                return scratch;
            }, _ => { });
        }
        return pairs is null ? new SrccMatrix(names, values, rows) : new SrccMatrix(names, values, pairs);
    }

    /// <summary>Devices per row panel of the product (512 x 10,000 devices is 40 MB of scratch).</summary>
    public const int PanelRows = 512;
}

namespace OneProxy.Monotonicity;

/// <summary>Reads column <paramref name="column"/> of some table without copying it.</summary>
public delegate ReadOnlySpan<double> ColumnSource(int column);

/// <summary>
/// The rank transform behind every SRCC in this folder, done once per column: complete
/// columns become doubled centred average ranks (integers, see <see cref="DoubledRanks"/>) in one
/// column-major panel (for <see cref="RankGram"/>), columns with missing values keep their
/// measured rows in value order so that any pair can be re-ranked over the rows both devices
/// measured in O(rows).
/// </summary>
public sealed class CentredRankPanel
{
    private readonly ColumnSource _source;
    private readonly int[]?[] _sortedMeasured;

    private CentredRankPanel(ColumnSource source, int columns, int rows, int[] panel,
        double[] norms, bool[] complete, int[]?[] sortedMeasured)
    {
        _source = source;
        Columns = columns;
        Rows = rows;
        Panel = panel;
        Norms = norms;
        Complete = complete;
        _sortedMeasured = sortedMeasured;
    }

    public int Columns { get; }
    public int Rows { get; }
    public int PaddedColumns => RankGram.PaddedColumns(Columns);

    /// <summary>Column c's doubled centred ranks at [c * Rows, (c + 1) * Rows); zeros for incomplete columns.</summary>
    public int[] Panel { get; }

    /// <summary>Euclidean norm of each complete column's centred ranks.</summary>
    public double[] Norms { get; }

    public bool[] Complete { get; }
    public bool AllComplete => Array.TrueForAll(Complete, c => c);

    public ReadOnlySpan<double> Values(int column) => _source(column);

    /// <summary>Columns at least this long are ranked by the gathering radix sort (6 bytes a row of scratch), shorter ones by a comparison sort.</summary>
    public const int RadixFrom = 1 << 12;

    public static CentredRankPanel Build(int columns, int rows, ColumnSource source, int threads, CancellationToken cancel)
    {
        if (columns < 0 || rows < 0) throw new ArgumentException($"negative size {rows} x {columns}");
        long cells = (long)columns * rows;
        if (cells > Array.MaxLength)
            throw new UnusableDataException(
                $"{rows} architectures x {columns} devices is {cells:N0} ranks, more than one array holds ({Array.MaxLength:N0}); use fewer devices per matrix");
        var panel = new int[cells];
        var norms = new double[columns];
        var complete = new bool[columns];
        var sorted = new int[]?[columns];
        var options = new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = cancel };
        var pool = new System.Collections.Concurrent.ConcurrentBag<Scratch>();
        Parallel.For(0, columns, options,
            // Parallel.For may start more tasks than cores; pooling keeps one scratch (6 bytes a
            // row for long columns) per concurrently running task, not one per task.
            () => pool.TryTake(out var reused) ? reused : new Scratch(rows),
            (c, _, scratch) =>
            {
                var values = source(c);
                if (values.Length != rows) throw new ArgumentException($"column {c} has {values.Length} values, expected {rows}");
                if (!HasNaN(values))
                {
                    var ranks = panel.AsSpan((int)((long)c * rows), rows);
                    if (rows >= RadixFrom) DoubledRanks.Compute(values, ranks, scratch.Radix);
                    else DoubledRanks.ComputeBySort(values, ranks, scratch.Keys, scratch.Order);
                    // The same sum, in the same order, as the centred double ranks of the pairwise definition.
                    double ss = 0;
                    for (int i = 0; i < rows; i++) { double x = ranks[i] * 0.5; ss += x * x; }
                    norms[c] = Math.Sqrt(ss);
                    complete[c] = true;
                }
                else
                {
                    int m = 0;
                    for (int i = 0; i < rows; i++) if (!double.IsNaN(values[i])) { scratch.Keys[m] = values[i]; scratch.Order[m++] = i; }
                    scratch.Keys.AsSpan(0, m).Sort(scratch.Order.AsSpan(0, m));
                    sorted[c] = scratch.Order.AsSpan(0, m).ToArray();
                }
                return scratch;
            },
            pool.Add);
        if (Array.Exists(complete, c => !c))
            // Pairs with an incomplete column re-rank the complete one too, over the shared rows.
            Parallel.For(0, columns, options, c => { if (complete[c]) sorted[c] = SortedRows(source(c)); });
        return new CentredRankPanel(source, columns, rows, panel, norms, complete, sorted);
    }

    /// <summary>Dot products of the centred ranks of columns in [rowFirst, rowEnd) with those in [colFirst, colEnd) (see <see cref="RankGram.Products"/>).</summary>
    public void Products(int rowFirst, int rowEnd, int colFirst, int colEnd, bool upperOnly, double[] output, int ldOut, int threads,
        CancellationToken cancel) =>
        RankGram.Products(Panel, Rows, Columns, rowFirst, rowEnd, colFirst, colEnd, upperOnly, output, ldOut, threads, cancel);

    // Per-thread buffers, made on first use: a long complete column needs only the radix ones.
    private sealed class Scratch(int rows)
    {
        private double[]? _keys;
        private int[]? _order;
        private DoubledRanks.Scratch? _radix;
        public double[] Keys => _keys ??= new double[rows];
        public int[] Order => _order ??= new int[rows];
        public DoubledRanks.Scratch Radix => _radix ??= new DoubledRanks.Scratch(rows);
    }

    private static bool HasNaN(ReadOnlySpan<double> values)
    {
        foreach (var v in values) if (double.IsNaN(v)) return true;
        return false;
    }

    /// <summary>Dot product of two complete columns' centred ranks turned into SRCC, exactly as the pairwise definition.</summary>
    public double FromDot(int i, int j, double dot) =>
        Rows < 2 || Norms[i] == 0 || Norms[j] == 0 ? double.NaN : Math.Clamp(dot / (Norms[i] * Norms[j]), -1.0, 1.0);

    /// <summary>
    /// SRCC of a pair of which at least one column misses values, over the rows both measured,
    /// with ranks recomputed on exactly those rows (ties averaged). <paramref name="scratch"/>
    /// holds 2 x Rows values. Returns the correlation and the number of rows used.
    /// </summary>
    public (double Srcc, int Pairs) PairwiseComplete(int i, int j, double[] scratch)
    {
        if (scratch.Length < 2 * Rows) throw new ArgumentException($"scratch of {scratch.Length} values, need {2 * Rows}");
        var x = Values(i);
        var y = Values(j);
        var rx = scratch.AsSpan(0, Rows);
        var ry = scratch.AsSpan(Rows, Rows);
        int m = RanksOver(i, x, y, rx);
        RanksOver(j, y, x, ry);
        if (m < 2) return (double.NaN, m);
        double mean = (m + 1) / 2.0, sxy = 0, sxx = 0, syy = 0;
        for (int r = 0; r < Rows; r++)
        {
            if (double.IsNaN(x[r]) || double.IsNaN(y[r])) continue;
            double dx = rx[r] - mean, dy = ry[r] - mean;
            sxy += dx * dy; sxx += dx * dx; syy += dy * dy;
        }
        if (sxx == 0 || syy == 0) return (double.NaN, m);
        return (Math.Clamp(sxy / Math.Sqrt(sxx * syy), -1.0, 1.0), m);
    }

    /// <summary>Average ranks of column c (values <paramref name="own"/>) over the rows where <paramref name="other"/> is measured too.</summary>
    private int RanksOver(int c, ReadOnlySpan<double> own, ReadOnlySpan<double> other, Span<double> ranks)
    {
        var order = _sortedMeasured[c]!;
        // Walk the column in value order, keeping rows the other device measured; equal values
        // among the kept rows share the average of the ranks they span.
        int kept = 0, groupStart = 0, p;
        double groupValue = double.NaN;
        int start = 0;
        for (p = 0; p <= order.Length; p++)
        {
            bool end = p == order.Length;
            int row = end ? -1 : order[p];
            if (!end && double.IsNaN(other[row])) continue;
            double v = end ? double.NaN : own[row];
            if (end || (kept > groupStart && v != groupValue))
            {
                double avg = (groupStart + kept + 1) / 2.0;
                for (int q = start; q < p; q++)
                {
                    int rr = order[q];
                    if (!double.IsNaN(other[rr])) ranks[rr] = avg;
                }
                groupStart = kept;
                start = p;
            }
            if (end) break;
            groupValue = v;
            kept++;
        }
        return kept;
    }

    private static int[] SortedRows(ReadOnlySpan<double> values)
    {
        var keys = values.ToArray();
        var order = new int[keys.Length];
        for (int i = 0; i < order.Length; i++) order[i] = i;
        Array.Sort(keys, order);
        return order;
    }
}

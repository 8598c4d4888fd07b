using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

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
    // Where the ranks live: one int panel, or (ranked in place) the first half of each column's own double array.
    private readonly int[]? _panel;
    private readonly double[][]? _inPlace;

    private CentredRankPanel(ColumnSource source, int columns, int rows, int[]? panel, double[][]? inPlace,
        double[] norms, bool[] complete, int[]?[] sortedMeasured)
    {
        _source = source;
        Columns = columns;
        Rows = rows;
        _panel = panel;
        _inPlace = inPlace;
        Norms = norms;
        Complete = complete;
        _sortedMeasured = sortedMeasured;
    }

    public int Columns { get; }
    public int Rows { get; }
    public int PaddedColumns => RankGram.PaddedColumns(Columns);

    /// <summary>Column c's doubled centred ranks; zeros for incomplete columns.</summary>
    public ReadOnlySpan<int> Ranks(int column) => RankSpan(column);

    private Span<int> RankSpan(int column) => _inPlace is not null
        ? MemoryMarshal.Cast<double, int>(_inPlace[column].AsSpan())[..Rows]
        : _panel.AsSpan((int)((long)column * Rows), Rows);

    /// <summary>Euclidean norm of each complete column's centred ranks.</summary>
    public double[] Norms { get; }

    public bool[] Complete { get; }
    public bool AllComplete => Array.TrueForAll(Complete, c => c);

    /// <summary>Column values (not available once ranked in place: see <see cref="BuildInPlace"/>).</summary>
    public ReadOnlySpan<double> Values(int column) => _inPlace is null
        ? _source(column)
        : throw new InvalidOperationException("the columns were ranked in place; their values are gone");

    /// <summary>Columns at least this long are ranked by <see cref="PackedRadixRanks"/>, shorter ones by a comparison sort.</summary>
    public const int RadixFrom = 1 << 12;

    /// <summary>
    /// Columns at least this long are ranked one after the other, every core on the same column
    /// (one 16-bytes-a-value scratch in all); shorter ones in parallel, one core and one scratch
    /// each.
    /// </summary>
    public const int SharedFrom = 1 << 20;

    public static CentredRankPanel Build(int columns, int rows, ColumnSource source, int threads, CancellationToken cancel)
    {
        if (columns < 0 || rows < 0) throw new ArgumentException($"negative size {rows} x {columns}");
        long cells = (long)columns * rows;
        if (cells > Array.MaxLength)
            throw new UnusableDataException(
                $"{rows} architectures x {columns} devices is {cells:N0} ranks, more than one array holds ({Array.MaxLength:N0}); use fewer devices per matrix");
        var panel = new int[cells];
        var complete = new bool[columns];
        for (int c = 0; c < columns; c++)
        {
            var values = source(c);
            if (values.Length != rows) throw new ArgumentException($"column {c} has {values.Length} values, expected {rows}");
            complete[c] = !HasNaN(values);
        }
        var norms = new double[columns];
        var sorted = new int[]?[columns];
        var result = new CentredRankPanel(source, columns, rows, panel, null, norms, complete, sorted);
        result.RankComplete(source, threads, cancel);
        var options = new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = cancel };
        Parallel.For(0, columns, options, () => (double[]?)null, (c, _, keys) =>
        {
            // Pairs with an incomplete column re-rank over the rows both measured, walking each column in value order.
            if (!complete[c]) sorted[c] = MeasuredInValueOrder(source(c), keys ??= new double[rows]);
            return keys;
        }, _ => { });
        if (Array.Exists(complete, c => !c))
            Parallel.For(0, columns, options, c => { if (complete[c]) sorted[c] = SortedRows(source(c)); });
        return result;
    }

    /// <summary>
    /// The panel of columns that are all complete (no NaN), written over the columns themselves:
    /// column c's doubled ranks end up as 32-bit integers in the first half of
    /// <paramref name="columns"/>[c]'s memory, so no separate panel is allocated (at 10 million
    /// rows x 10 devices that is 400 MB less). The values are destroyed; the caller hands over
    /// arrays it no longer reads. Null when a column misses values (nothing is overwritten then:
    /// rank through <see cref="Build"/>).
    /// </summary>
    public static CentredRankPanel? BuildInPlace(int rows, double[][] columns, int threads, CancellationToken cancel)
    {
        if (rows < 0) throw new ArgumentException($"negative row count {rows}");
        foreach (var column in columns)
        {
            if (column.Length < rows) throw new ArgumentException($"a column has {column.Length} values, expected at least {rows}");
            if (HasNaN(column.AsSpan(0, rows))) return null;
        }
        var complete = new bool[columns.Length];
        Array.Fill(complete, true);
        ColumnSource source = c => columns[c].AsSpan(0, rows);
        var result = new CentredRankPanel(source, columns.Length, rows, null, columns, new double[columns.Length], complete,
            new int[]?[columns.Length]);
        result.RankComplete(source, threads, cancel);
        return result;
    }

    /// <summary>Ranks every complete column into its place and records its norm.</summary>
    private void RankComplete(ColumnSource source, int threads, CancellationToken cancel)
    {
        int rows = Rows;
        bool inPlace = _inPlace is not null;
        if (rows >= SharedFrom)
        {
            // Long columns: one at a time, every core on it. In place, the ranks are copied over the
            // values only after the sort has read them for the last time.
            var shared = new PackedRadixRanks.Scratch(rows);
            for (int c = 0; c < Columns; c++)
            {
                if (!Complete[c]) continue;
                PackedRadixRanks.Compute(source, c, RankSpan(c), shared, threads, cancel);
                Norms[c] = Norm(RankSpan(c));
            }
            return;
        }
        var options = new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = cancel };
        var pool = new System.Collections.Concurrent.ConcurrentBag<Scratch>();
        Parallel.For(0, Columns, options,
            // Parallel.For may start more tasks than cores; pooling keeps one scratch per concurrently running task, not one per task.
            () => pool.TryTake(out var reused) ? reused : new Scratch(rows),
            (c, _, scratch) =>
            {
                if (!Complete[c]) return scratch;
                var values = source(c);
                var ranks = RankSpan(c);
                if (rows >= RadixFrom) PackedRadixRanks.Compute(source, c, ranks, scratch.Radix, threads: 1, cancel);
                else if (inPlace)
                {
                    // The comparison sort writes ranks while it still reads values: write them aside first.
                    DoubledRanks.ComputeBySort(values, scratch.Ranks, scratch.Keys, scratch.Order);
                    scratch.Ranks.AsSpan(0, rows).CopyTo(ranks);
                }
                else DoubledRanks.ComputeBySort(values, ranks, scratch.Keys, scratch.Order);
                Norms[c] = Norm(ranks);
                return scratch;
            },
            pool.Add);
    }

    // The same sum, in the same order, as the centred double ranks of the pairwise definition.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double Norm(ReadOnlySpan<int> doubledRanks)
    {
        double ss = 0;
        foreach (int r in doubledRanks) { double x = r * 0.5; ss += x * x; }
        return Math.Sqrt(ss);
    }

    private static int[] MeasuredInValueOrder(ReadOnlySpan<double> values, double[] keys)
    {
        int m = 0;
        var order = new int[values.Length];
        for (int i = 0; i < values.Length; i++) if (!double.IsNaN(values[i])) { keys[m] = values[i]; order[m++] = i; }
        keys.AsSpan(0, m).Sort(order.AsSpan(0, m));
        return order.AsSpan(0, m).ToArray();
    }

    /// <summary>Dot products of the centred ranks of columns in [rowFirst, rowEnd) with those in [colFirst, colEnd) (see <see cref="RankGram.Products"/>).</summary>
    public void Products(int rowFirst, int rowEnd, int colFirst, int colEnd, bool upperOnly, double[] output, int ldOut, int threads,
        CancellationToken cancel) =>
        RankGram.Products(c => Ranks(c), Rows, Columns, rowFirst, rowEnd, colFirst, colEnd, upperOnly, output, ldOut, threads, cancel);

    // Per-thread buffers, made on first use: a long complete column needs only the radix ones.
    private sealed class Scratch(int rows)
    {
        private double[]? _keys;
        private int[]? _order, _ranks;
        private PackedRadixRanks.Scratch? _radix;
        public double[] Keys => _keys ??= new double[rows];
        public int[] Order => _order ??= new int[rows];
        public int[] Ranks => _ranks ??= new int[rows];
        public PackedRadixRanks.Scratch Radix => _radix ??= new PackedRadixRanks.Scratch(rows);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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

using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace OneProxy.Monotonicity;

/// <summary>Reads column <paramref name="column"/>'s doubled centred ranks without copying them.</summary>
public delegate ReadOnlySpan<int> RankColumn(int column);

/// <summary>
/// Dot products between columns of a column-major panel of doubled centred ranks (the Gram
/// matrix AᵀA, scaled back by 1/4), blocked for the caches, 4x4 register tiles of 256-bit FMA,
/// parallel over tile rows. This is the whole cost of an SRCC matrix once columns are replaced
/// by centred ranks.
/// </summary>
/// <remarks>
/// Written by hand rather than calling a BLAS: the NuGet mirror's managed BLAS (MathNet) is
/// about as fast as the scalar loop it replaces, and no native BLAS provider runs here.
/// The panel holds integers (twice the centred average ranks, 4 bytes each); every row chunk is
/// widened into a small zero-padded double buffer (about 2 MB) that all tile pairs then read, so
/// the panel costs half the memory of doubles and the kernel still runs on doubles. Products of
/// integers and their partial sums are exact while |sum| &lt; 2^53 (up to ~200,000 rows); the
/// blocked, reordered sums then equal a sequential loop bit for bit, and the final scaling by
/// 1/4 is exact at any size.
/// </remarks>
public static class RankGram
{
    /// <summary>Columns per register tile (and the padding unit of column counts).</summary>
    public const int Tile = 4;

    /// <summary>Rows per vector; row chunks are padded to a multiple of it.</summary>
    public const int RowAlign = 4;

    /// <summary>Rounds a column length up to the multiple of <see cref="RowAlign"/> the kernel reads (zero padding contributes nothing).</summary>
    public static int Stride(int rows) => checked((rows + RowAlign - 1) / RowAlign * RowAlign);

    /// <summary>Rounds a column count up to whole tiles.</summary>
    public static int PaddedColumns(int columns) => checked((columns + Tile - 1) / Tile * Tile);

    /// <summary>
    /// out[(i - rowFirst) * ldOut + j] = dot(column i, column j) / 4 for tile rows covering
    /// [rowFirst, rowEnd) and every column j in [colFirst, colEnd); with <paramref name="upperOnly"/>
    /// only tiles with j-tile &gt;= i-tile are written (the caller mirrors). Bounds must be
    /// tile-aligned; columns at or beyond <paramref name="columns"/> count as zeros.
    /// </summary>
    /// <param name="panel">Column c at [c * rows, (c + 1) * rows).</param>
    public static void Products(int[] panel, int rows, int columns, int rowFirst, int rowEnd, int colFirst, int colEnd,
        bool upperOnly, double[] output, int ldOut, int threads, CancellationToken cancel)
    {
        if (rows < 0 || columns < 0) throw new ArgumentException($"negative panel size {rows} x {columns}");
        if ((long)rows * columns > panel.Length)
            throw new ArgumentException($"panel holds {panel.Length} values, fewer than {columns} columns x {rows}");
        Products(c => panel.AsSpan((int)((long)c * rows), rows), rows, columns, rowFirst, rowEnd, colFirst, colEnd, upperOnly, output, ldOut,
            threads, cancel);
    }

    /// <summary>The same products over columns stored anywhere (ranked in place, each in its own array).</summary>
    /// <param name="ranks">Column c's <paramref name="rows"/> doubled ranks.</param>
    public static void Products(RankColumn ranks, int rows, int columns, int rowFirst, int rowEnd, int colFirst, int colEnd,
        bool upperOnly, double[] output, int ldOut, int threads, CancellationToken cancel)
    {
        if (rows < 0 || columns < 0) throw new ArgumentException($"negative panel size {rows} x {columns}");
        if (rowFirst % Tile != 0 || rowEnd % Tile != 0 || colFirst % Tile != 0 || colEnd % Tile != 0)
            throw new ArgumentException($"column ranges [{rowFirst},{rowEnd}) x [{colFirst},{colEnd}) must be multiples of {Tile}");
        if (Math.Max(rowEnd, colEnd) > PaddedColumns(columns) || rowFirst < 0 || colFirst < 0)
            throw new ArgumentException($"column ranges [{rowFirst},{rowEnd}) x [{colFirst},{colEnd}) exceed the {PaddedColumns(columns)} padded columns");
        if ((long)(rowEnd - rowFirst) * ldOut > output.Length || ldOut < colEnd)
            throw new ArgumentException($"output of {output.Length} values (ld {ldOut}) is too small for {rowEnd - rowFirst} x {colEnd}");
        Array.Clear(output, 0, (rowEnd - rowFirst) * ldOut);
        int rowTiles = (rowEnd - rowFirst) / Tile;
        int stride = Stride(rows);
        if (rowTiles == 0 || colEnd == colFirst || stride == 0) return;

        // Row chunk: the columns' slices of one chunk (~2 MB as doubles) stay in the shared cache
        // while every tile pair consumes them; column blocks (~512 kB) stay in each core's L2.
        int lo = Math.Min(rowFirst, colFirst), hi = Math.Max(rowEnd, colEnd), span = hi - lo;
        int chunk = Math.Clamp(2 * 1024 * 1024 / 8 / Math.Max(span, 1) / RowAlign * RowAlign, 256, 1 << 16);
        chunk = Math.Min(chunk, stride);
        int colBlock = Math.Max(Tile, 512 * 1024 / 8 / chunk / Tile * Tile);
        var wide = new double[(long)span * chunk];
        var options = new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = cancel };

        for (int k0 = 0; k0 < stride; k0 += chunk)
        {
            int len = Math.Min(chunk, stride - k0);
            Widen(ranks, rows, columns, lo, hi, k0, len, wide, options);
            for (int j0 = colFirst; j0 < colEnd; j0 += colBlock)
            {
                int j1 = Math.Min(colEnd, j0 + colBlock);
                // Rows whose tiles meet this column block (upper triangle: i-tile <= j-tile).
                int lastRowTile = upperOnly ? Math.Min(rowTiles, (j1 - rowFirst + Tile - 1) / Tile) : rowTiles;
                if (lastRowTile <= 0) continue;
                cancel.ThrowIfCancellationRequested();
                if (lastRowTile == 1 || threads == 1)
                    for (int t = 0; t < lastRowTile; t++) RowTile(t);
                else
                    Parallel.For(0, lastRowTile, options, RowTile);

                void RowTile(int t)
                {
                    int i = rowFirst + t * Tile;
                    int jStart = upperOnly ? Math.Max(j0, i) : j0;
                    for (int j = jStart; j < j1; j += Tile)
                        Kernel(wide, len, i - lo, j - lo, len, output, t * Tile * ldOut + j, ldOut);
                }
            }
        }
    }

    /// <summary>Rows [k0, k0 + len) of columns [lo, hi) as doubles, column c at (c - lo) * len; zeros past the data.</summary>
    private static void Widen(RankColumn ranks, int rows, int columns, int lo, int hi, int k0, int len, double[] wide, ParallelOptions options)
    {
        int real = Math.Clamp(rows - k0, 0, len);
        const int Group = 64; // columns per task: enough work to pay for the scheduling
        int groups = (hi - lo + Group - 1) / Group;
        void Columns(int g)
        {
            for (int c = lo + g * Group; c < Math.Min(hi, lo + (g + 1) * Group); c++)
            {
                var to = wide.AsSpan((int)((long)(c - lo) * len), len);
                if (c >= columns) { to.Clear(); continue; }
                var from = ranks(c).Slice(k0, real);
                for (int r = 0; r < from.Length; r++) to[r] = from[r];
                to[real..].Clear();
            }
        }
        if (groups == 1 || options.MaxDegreeOfParallelism == 1) for (int g = 0; g < groups; g++) Columns(g);
        else Parallel.For(0, groups, options, Columns);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Kernel(double[] wide, int stride, int i, int j, int len, double[] output, int outIndex, int ldOut)
    {
        ref double p = ref MemoryMarshal.GetArrayDataReference(wide);
        nuint a0 = (nuint)((long)i * stride), a1 = a0 + (nuint)stride, a2 = a1 + (nuint)stride, a3 = a2 + (nuint)stride;
        nuint b0 = (nuint)((long)j * stride), b1 = b0 + (nuint)stride, b2 = b1 + (nuint)stride, b3 = b2 + (nuint)stride;
        var c00 = Vector256<double>.Zero; var c01 = c00; var c02 = c00; var c03 = c00;
        var c10 = c00; var c11 = c00; var c12 = c00; var c13 = c00;
        var c20 = c00; var c21 = c00; var c22 = c00; var c23 = c00;
        var c30 = c00; var c31 = c00; var c32 = c00; var c33 = c00;
        for (nuint k = 0; k < (nuint)len; k += 4)
        {
            var x0 = Vector256.LoadUnsafe(ref p, a0 + k);
            var x1 = Vector256.LoadUnsafe(ref p, a1 + k);
            var x2 = Vector256.LoadUnsafe(ref p, a2 + k);
            var x3 = Vector256.LoadUnsafe(ref p, a3 + k);
            var y = Vector256.LoadUnsafe(ref p, b0 + k);
            c00 = Fmadd(x0, y, c00); c10 = Fmadd(x1, y, c10); c20 = Fmadd(x2, y, c20); c30 = Fmadd(x3, y, c30);
            y = Vector256.LoadUnsafe(ref p, b1 + k);
            c01 = Fmadd(x0, y, c01); c11 = Fmadd(x1, y, c11); c21 = Fmadd(x2, y, c21); c31 = Fmadd(x3, y, c31);
            y = Vector256.LoadUnsafe(ref p, b2 + k);
            c02 = Fmadd(x0, y, c02); c12 = Fmadd(x1, y, c12); c22 = Fmadd(x2, y, c22); c32 = Fmadd(x3, y, c32);
            y = Vector256.LoadUnsafe(ref p, b3 + k);
            c03 = Fmadd(x0, y, c03); c13 = Fmadd(x1, y, c13); c23 = Fmadd(x2, y, c23); c33 = Fmadd(x3, y, c33);
        }
        ref double o = ref MemoryMarshal.GetArrayDataReference(output);
        Store(ref o, outIndex, c00, c01, c02, c03);
        Store(ref o, outIndex + ldOut, c10, c11, c12, c13);
        Store(ref o, outIndex + 2 * ldOut, c20, c21, c22, c23);
        Store(ref o, outIndex + 3 * ldOut, c30, c31, c32, c33);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Fmadd(Vector256<double> x, Vector256<double> y, Vector256<double> acc) =>
        Fma.IsSupported ? Fma.MultiplyAdd(x, y, acc) : acc + x * y;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(ref double o, int index, Vector256<double> s0, Vector256<double> s1, Vector256<double> s2, Vector256<double> s3)
    {
        // Doubled ranks: each product is four times the product of ranks; the scaling is exact.
        Unsafe.Add(ref o, index) += Vector256.Sum(s0) * 0.25;
        Unsafe.Add(ref o, index + 1) += Vector256.Sum(s1) * 0.25;
        Unsafe.Add(ref o, index + 2) += Vector256.Sum(s2) * 0.25;
        Unsafe.Add(ref o, index + 3) += Vector256.Sum(s3) * 0.25;
    }
}

using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace OneProxy.Monotonicity;

/// <summary>
/// Dot products between columns of a column-major panel (the Gram matrix AᵀA), blocked for the
/// caches, 4x4 register tiles of 256-bit FMA, parallel over tile rows. This is the whole cost
/// of an SRCC matrix once columns are replaced by centred ranks.
/// </summary>
/// <remarks>
/// Written by hand rather than calling a BLAS: the NuGet mirror's managed BLAS (MathNet) is
/// about as fast as the scalar loop it replaces, and no native BLAS provider runs here.
/// Centred average ranks are multiples of 1/2, so every partial sum is an exact binary
/// fraction while |sum| &lt; 2^51 (up to ~200,000 rows); the blocked, reordered sums then equal
/// a sequential loop bit for bit.
/// </remarks>
public static class RankGram
{
    /// <summary>Columns per register tile (and the padding unit of column counts).</summary>
    public const int Tile = 4;

    /// <summary>Rows per vector; column strides are padded to a multiple of it.</summary>
    public const int RowAlign = 4;

    /// <summary>Rounds a column length up to the stride the kernel needs (zero padding contributes nothing).</summary>
    public static int Stride(int rows) => checked((rows + RowAlign - 1) / RowAlign * RowAlign);

    /// <summary>Rounds a column count up to whole tiles.</summary>
    public static int PaddedColumns(int columns) => checked((columns + Tile - 1) / Tile * Tile);

    /// <summary>
    /// out[(i - rowFirst) * ldOut + j] = dot(column i, column j) for tile rows covering
    /// [rowFirst, rowEnd) and every column j in [colFirst, colEnd); with <paramref name="upperOnly"/>
    /// only tiles with j-tile &gt;= i-tile are written (the caller mirrors). Bounds must be tile-aligned.
    /// </summary>
    public static void Products(double[] panel, int stride, int rowFirst, int rowEnd, int colFirst, int colEnd,
        bool upperOnly, double[] output, int ldOut, int threads, CancellationToken cancel)
    {
        if (stride % RowAlign != 0) throw new ArgumentException($"stride {stride} is not a multiple of {RowAlign}");
        if (rowFirst % Tile != 0 || rowEnd % Tile != 0 || colFirst % Tile != 0 || colEnd % Tile != 0)
            throw new ArgumentException($"column ranges [{rowFirst},{rowEnd}) x [{colFirst},{colEnd}) must be multiples of {Tile}");
        if ((long)Math.Max(rowEnd, colEnd) * stride > panel.Length)
            throw new ArgumentException($"panel holds {panel.Length} values, fewer than {Math.Max(rowEnd, colEnd)} columns x {stride}");
        if ((long)(rowEnd - rowFirst) * ldOut > output.Length || ldOut < colEnd)
            throw new ArgumentException($"output of {output.Length} values (ld {ldOut}) is too small for {rowEnd - rowFirst} x {colEnd}");
        Array.Clear(output, 0, (rowEnd - rowFirst) * ldOut);
        int rowTiles = (rowEnd - rowFirst) / Tile;
        if (rowTiles == 0 || colEnd == colFirst || stride == 0) return;

        // Row chunk: the columns' slices of one chunk (~2 MB) stay in the shared cache while every
        // tile pair consumes them; column blocks (~512 kB) stay in each core's L2.
        int columns = Math.Max(rowEnd, colEnd) - Math.Min(rowFirst, colFirst);
        int chunk = Math.Clamp(2 * 1024 * 1024 / 8 / Math.Max(columns, 1) / RowAlign * RowAlign, 256, 1 << 16);
        chunk = Math.Min(chunk, stride);
        int colBlock = Math.Max(Tile, 512 * 1024 / 8 / chunk / Tile * Tile);
        var options = new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = cancel };

        for (int k0 = 0; k0 < stride; k0 += chunk)
        {
            int len = Math.Min(chunk, stride - k0);
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
                        Kernel(panel, stride, i, j, k0, len, output, t * Tile * ldOut + j, ldOut);
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Kernel(double[] panel, int stride, int i, int j, int k0, int len, double[] output, int outIndex, int ldOut)
    {
        ref double p = ref MemoryMarshal.GetArrayDataReference(panel);
        nuint a0 = (nuint)((long)i * stride + k0), a1 = a0 + (nuint)stride, a2 = a1 + (nuint)stride, a3 = a2 + (nuint)stride;
        nuint b0 = (nuint)((long)j * stride + k0), b1 = b0 + (nuint)stride, b2 = b1 + (nuint)stride, b3 = b2 + (nuint)stride;
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
        Unsafe.Add(ref o, index) += Vector256.Sum(s0);
        Unsafe.Add(ref o, index + 1) += Vector256.Sum(s1);
        Unsafe.Add(ref o, index + 2) += Vector256.Sum(s2);
        Unsafe.Add(ref o, index + 3) += Vector256.Sum(s3);
    }
}

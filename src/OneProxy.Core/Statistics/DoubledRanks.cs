namespace OneProxy.Monotonicity;

/// <summary>
/// Centred average ranks times two, as integers: for a tie group spanning sorted positions
/// [start, end) of n values, the 1-based average rank is (start + end + 1) / 2 and the centred
/// rank (start + end - n) / 2, so twice it is the integer start + end - n, exact for any n below
/// 2^31. Storing these instead of doubles halves the rank panel of an SRCC matrix without losing
/// a bit (a product of doubled ranks is exactly four times the product of the ranks).
/// </summary>
/// <remarks>
/// The sort is an LSD radix sort of row indices on the doubles' order-preserving bit patterns
/// (4 passes of 16 bits, passes where every key shares the digit skipped). Keys are not kept:
/// each pass recomputes its digit from the value of the row (a gather), so the scratch is 6 bytes
/// per value (row indices and digits) and the output column serves as the second index buffer;
/// the keyed radix of <see cref="RadixRanking"/> needs 24. At 10 million rows that is 60 MB per
/// concurrent column instead of 240 MB.
/// </remarks>
public static class DoubledRanks
{
    /// <summary>Reusable buffers for one thread: 6 bytes per value plus 256 kB of counts.</summary>
    public sealed class Scratch(int length)
    {
        internal readonly int[] Rows = new int[length];
        internal readonly ushort[] Digits = new ushort[length];
        internal readonly int[] Counts = new int[1 << 16];
        public int Length => Rows.Length;
    }

    /// <summary>Twice the centred average rank of every value (no NaN) into <paramref name="output"/>.</summary>
    public static void Compute(ReadOnlySpan<double> values, Span<int> output, Scratch scratch)
    {
        int n = values.Length;
        if (output.Length < n || scratch.Length < n)
            throw new ArgumentException($"buffers ({output.Length}, {scratch.Length}) are shorter than the {n} values");
        if (n == 0) return;
        Span<int> src = scratch.Rows.AsSpan(0, n), dst = output[..n];
        var digits = scratch.Digits.AsSpan(0, n);
        var counts = scratch.Counts;
        for (int r = 0; r < n; r++)
        {
            if (double.IsNaN(values[r])) throw new ArgumentException($"value {r} is NaN; remove missing values before ranking", nameof(values));
            src[r] = r;
        }
        bool inScratch = true;
        for (int shift = 0; shift < 64; shift += 16)
        {
            Array.Clear(counts);
            for (int r = 0; r < n; r++)
            {
                int d = (int)(Key(values[src[r]]) >> shift) & 0xFFFF;
                digits[r] = (ushort)d;
                counts[d]++;
            }
            if (counts[digits[0]] == n) continue; // every key has this digit
            int sum = 0;
            for (int b = 0; b < counts.Length; b++) { int c = counts[b]; counts[b] = sum; sum += c; }
            for (int r = 0; r < n; r++) dst[counts[digits[r]]++] = src[r];
            var t = src; src = dst; dst = t;
            inScratch = !inScratch;
        }
        // The sorted rows must not live in the output they are about to fill.
        if (!inScratch) { src.CopyTo(scratch.Rows); src = scratch.Rows.AsSpan(0, n); }
        int start = 0;
        while (start < n)
        {
            // Ties by value, not by key: -0.0 and 0.0 have different bits but are equal.
            int end = start + 1;
            double first = values[src[start]];
            while (end < n && values[src[end]] == first) end++;
            int doubled = start + end - n;
            for (int k = start; k < end; k++) output[src[k]] = doubled;
            start = end;
        }
    }

    /// <summary>Twice the centred average ranks by a comparison sort (short columns); <paramref name="keys"/> and <paramref name="order"/> are scratch.</summary>
    public static void ComputeBySort(ReadOnlySpan<double> values, Span<int> output, Span<double> keys, Span<int> order)
    {
        int n = values.Length;
        if (output.Length < n || keys.Length < n || order.Length < n)
            throw new ArgumentException($"buffers ({output.Length}, {keys.Length}, {order.Length}) are shorter than the {n} values");
        values.CopyTo(keys);
        for (int i = 0; i < n; i++)
        {
            if (double.IsNaN(keys[i])) throw new ArgumentException($"value {i} is NaN; remove missing values before ranking", nameof(values));
            order[i] = i;
        }
        keys[..n].Sort(order[..n]);
        int start = 0;
        while (start < n)
        {
            int end = start + 1;
            while (end < n && keys[end] == keys[start]) end++;
            for (int k = start; k < end; k++) output[order[k]] = start + end - n;
            start = end;
        }
    }

    // Negative numbers reverse order; flipping all their bits (and the sign bit of the rest) makes unsigned order numeric order.
    private static ulong Key(double v)
    {
        ulong bits = BitConverter.DoubleToUInt64Bits(v);
        return (bits & 0x8000_0000_0000_0000UL) != 0 ? ~bits : bits | 0x8000_0000_0000_0000UL;
    }
}

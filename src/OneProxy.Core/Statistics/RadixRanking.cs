namespace OneProxy.Monotonicity;

/// <summary>
/// Average ranks of long columns by LSD radix sort on the doubles' order-preserving bit
/// patterns (4 passes of 16 bits, passes where every key shares the digit skipped): linear
/// time, where a comparison sort of 10 million values costs seconds. The ranks are the same
/// as <see cref="Ranking.AverageRanks"/>: they depend only on the values, not on how they were sorted.
/// </summary>
public static class RadixRanking
{
    /// <summary>Below this many values the comparison sort wins (measured: radix is 3x faster at 15,625 values).</summary>
    public const int MinLength = 1 << 12;

    /// <summary>Reusable buffers for one thread (24 bytes per value).</summary>
    public sealed class Scratch(int length)
    {
        internal ulong[] Keys = new ulong[length], Keys2 = new ulong[length];
        internal int[] Rows = new int[length], Rows2 = new int[length];
        internal int[] Counts = new int[1 << 16];
        public int Length => Keys.Length;
    }

    /// <summary>1-based average ranks of <paramref name="values"/> (no NaN) into <paramref name="ranks"/>.</summary>
    public static void AverageRanksInto(ReadOnlySpan<double> values, Span<double> ranks, Scratch scratch)
    {
        int n = values.Length;
        if (ranks.Length < n || scratch.Length < n)
            throw new ArgumentException($"buffers ({ranks.Length}, {scratch.Length}) are shorter than the {n} values");
        ulong[] keys = scratch.Keys, keys2 = scratch.Keys2;
        int[] rows = scratch.Rows, rows2 = scratch.Rows2, counts = scratch.Counts;
        for (int r = 0; r < n; r++)
        {
            double v = values[r];
            if (double.IsNaN(v)) throw new ArgumentException($"value {r} is NaN; remove missing values before ranking", nameof(values));
            ulong bits = BitConverter.DoubleToUInt64Bits(v);
            // Negative numbers reverse order; flipping all their bits (and the sign bit of the rest) makes unsigned order numeric order.
            keys[r] = (bits & 0x8000_0000_0000_0000UL) != 0 ? ~bits : bits | 0x8000_0000_0000_0000UL;
            rows[r] = r;
        }
        for (int shift = 0; shift < 64; shift += 16)
        {
            Array.Clear(counts);
            for (int r = 0; r < n; r++) counts[(int)(keys[r] >> shift) & 0xFFFF]++;
            if (counts[(int)(keys[0] >> shift) & 0xFFFF] == n) continue; // every key has this digit
            int sum = 0;
            for (int b = 0; b < counts.Length; b++) { int c = counts[b]; counts[b] = sum; sum += c; }
            for (int r = 0; r < n; r++)
            {
                int at = counts[(int)(keys[r] >> shift) & 0xFFFF]++;
                keys2[at] = keys[r];
                rows2[at] = rows[r];
            }
            (keys, keys2) = (keys2, keys);
            (rows, rows2) = (rows2, rows);
        }
        int start = 0;
        while (start < n)
        {
            // Ties by value, not by key: -0.0 and 0.0 have different bits but are equal.
            int end = start + 1;
            double first = values[rows[start]];
            while (end < n && values[rows[end]] == first) end++;
            double avg = (start + end + 1) / 2.0;
            for (int k = start; k < end; k++) ranks[rows[k]] = avg;
            start = end;
        }
    }
}

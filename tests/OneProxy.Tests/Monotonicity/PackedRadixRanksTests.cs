using OneProxy.Data;
using OneProxy.Monotonicity;

namespace OneProxy.Tests.Monotonicity;

/// <summary>
/// The packed-word radix ranking (issue 20) against the gathering radix and the comparison sort
/// it replaced (<see cref="DoubledRanks"/>), and the in-place SRCC matrix against the one with a
/// separate rank panel: the same integers, the same bits.
/// </summary>
public class PackedRadixRanksTests
{
    private static int[] Packed(double[] values, int threads)
    {
        var ranks = new int[values.Length];
        PackedRadixRanks.Compute(_ => values, 0, ranks, new PackedRadixRanks.Scratch(values.Length), threads);
        return ranks;
    }

    private static int[] BySort(double[] values)
    {
        int n = values.Length;
        var ranks = new int[n];
        DoubledRanks.ComputeBySort(values, ranks, new double[n], new int[n]);
        return ranks;
    }

    private static int[] Gathering(double[] values)
    {
        var ranks = new int[values.Length];
        DoubledRanks.Compute(values, ranks, new DoubledRanks.Scratch(values.Length));
        return ranks;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(17)]
    [InlineData(5_000)]
    [InlineData(70_000)]
    [InlineData(300_000)]
    public void EqualsTheFormerRankingOnTiesSignsZerosAndInfinities(int n)
    {
        var rng = new Random(n);
        var values = new double[n];
        for (int i = 0; i < n; i++)
            values[i] = i % 5 == 0 ? rng.Next(-20, 20) * 0.5 : Math.Round((rng.NextDouble() - 0.2) * 1e4, 3);
        if (n > 20)
        {
            values[3] = -0.0; values[4] = 0.0; values[5] = double.Epsilon; values[6] = -1e300; values[7] = 1e300;
            values[8] = double.PositiveInfinity; values[9] = double.NegativeInfinity; values[10] = double.PositiveInfinity;
            values[11] = double.MaxValue; values[12] = double.MinValue; values[13] = -double.Epsilon;
        }
        var expected = BySort(values);
        Assert.Equal(expected, Packed(values, threads: 1));
        Assert.Equal(expected, Packed(values, threads: 2));
        Assert.Equal(expected, Gathering(values));
        Assert.Equal(Ranking.AverageRanks(values).Select(r => 2 * (r - (n + 1) / 2.0)).ToArray(), expected.Select(v => (double)v).ToArray());
    }

    [Fact]
    public void ValuesThatDifferOnlyInDroppedKeyBitsAreStillOrdered()
    {
        // 200,000 rows leave 46 key bits; the range from -max to +max needs all 64, so the 18
        // lowest are dropped and neighbouring doubles share a word: the run is split by value.
        int n = 200_000;
        var rng = new Random(11);
        var values = new double[n];
        for (int i = 0; i < n; i++)
        {
            double x = 1.0;
            for (int k = rng.Next(0, 40); k > 0; k--) x = Math.BitIncrement(x);
            values[i] = i % 3 == 0 ? -x : x;
        }
        values[0] = double.MaxValue; values[1] = double.MinValue;
        var expected = BySort(values);
        Assert.Equal(expected, Packed(values, threads: 1));
        Assert.Equal(expected, Packed(values, threads: 2));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(100_000)]
    public void AllEqualColumnHasOneTieAtTheCentre(int n)
    {
        var values = Enumerable.Repeat(3.25, n).ToArray();
        Assert.All(Packed(values, threads: 2), r => Assert.Equal(0, r)); // start + end - n = 0
    }

    [Fact]
    public void MissingValuesAreRefusedNotRanked()
    {
        var values = new double[] { 1, double.NaN, 2 };
        Assert.Throws<ArgumentException>(() => Packed(values, threads: 1));
    }

    [Theory]
    [InlineData(37)]                               // comparison sort
    [InlineData(CentredRankPanel.RadixFrom + 5)]   // radix, one core per column
    [InlineData(CentredRankPanel.SharedFrom + 3)]  // radix, every core on each column
    public void InPlaceMatrixIsTheSameBitsAsWithARankPanel(int rows)
    {
        var rng = new Random(rows);
        int d = 5;
        var columns = new double[d][];
        for (int c = 0; c < d; c++)
        {
            columns[c] = new double[rows + 2]; // longer arrays: only the first rows count
            for (int r = 0; r < rows; r++) columns[c][r] = Math.Round(Math.Exp(rng.NextDouble() * 3 + (c == 4 ? 0 : r % 97 * 0.01)), 2);
        }
        var names = Enumerable.Range(0, d).Select(c => $"d{c}").ToArray();
        var expected = SrccMatrix.Compute(names, columns.Select(c => c[..rows]).ToArray());
        var inPlace = SrccMatrix.ComputeInPlace(names, rows, columns);
        for (int i = 0; i < d; i++)
            for (int j = 0; j < d; j++)
            {
                Assert.Equal(expected[i, j], inPlace[i, j]);
                Assert.Equal(rows, inPlace.PairCount(i, j));
            }
    }

    [Fact]
    public void InPlaceLeavesColumnsWithMissingValuesIntact()
    {
        var columns = new[] { new[] { 1.0, 2, 3, 4 }, new[] { 2.0, double.NaN, 1, 5 }, new[] { 4.0, 3, 2, 1 } };
        var copies = columns.Select(c => c.ToArray()).ToArray();
        string[] names = ["a", "b", "c"];
        var m = SrccMatrix.ComputeInPlace(names, 4, columns);
        Assert.Equal(copies, columns);
        var expected = SrccMatrix.Compute(names, copies);
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++)
            {
                Assert.Equal(expected[i, j], m[i, j]);
                Assert.Equal(expected.PairCount(i, j), m.PairCount(i, j));
            }
        Assert.Equal(3, m.PairCount(0, 1));
    }

    [Fact]
    public void HandedOverTableRefusesToBeReadAgain()
    {
        var t = new WideTable("t.csv", ValueKind.LatencyMs, ["a", "b"], [[1.0, 2, 3], [3.0, 1, 2]], null, null);
        var columns = t.HandOverColumns();
        Assert.Equal(2, columns.Length);
        Assert.Throws<InvalidOperationException>(() => t.Column(0).ToArray());
        Assert.Throws<InvalidOperationException>(() => t.HandOverColumns());
        Assert.Equal(3, t.RowCount);
    }
}

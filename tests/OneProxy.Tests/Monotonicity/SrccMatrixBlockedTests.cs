using OneProxy.Monotonicity;

namespace OneProxy.Tests.Monotonicity;

/// <summary>
/// The blocked SIMD product and the mask-based pairwise path against the pairwise definition
/// (<see cref="Spearman.Correlation"/> / <see cref="Spearman.PairwiseComplete"/>, the
/// implementation the matrix used before).
/// </summary>
public class SrccMatrixBlockedTests
{
    [SkippableTheory]
    [InlineData("nasbench201")]
    [InlineData("fbnet")]
    public void EveryPairOfTheSharedDataEqualsThePairwiseDefinition(string dataset)
    {
        TestData.RequireSharedDatasets();
        var t = dataset == "fbnet" ? TestData.FbNetLatency : TestData.NasBench201Latency;
        var m = SrccMatrix.Compute(t);
        int d = t.ColumnNames.Count;
        double worst = 0;
        for (int i = 0; i < d; i++)
            for (int j = 0; j <= i; j++)
            {
                var (expected, pairs) = Spearman.PairwiseComplete(t.Column(i), t.Column(j));
                worst = Math.Max(worst, Math.Abs(expected - m[i, j]));
                Assert.Equal(pairs, m.PairCount(i, j));
                Assert.Equal(m[i, j], m[j, i]);
            }
        Assert.True(worst <= 1e-12, $"largest difference {worst:G3}");
    }

    [Fact]
    public void GramProductEqualsNaiveDotsForRaggedSizes()
    {
        var rng = new Random(7);
        int cols = 11, rows = 37, padded = RankGram.PaddedColumns(cols);
        var panel = new int[cols * rows]; // doubled ranks, no padding: the product pads
        for (int c = 0; c < cols; c++)
            for (int r = 0; r < rows; r++) panel[c * rows + r] = rng.Next(-40, 41);
        var full = new double[padded * padded];
        RankGram.Products(panel, rows, cols, 0, padded, 0, padded, upperOnly: false, full, padded, threads: 2, default);
        var upper = new double[padded * padded];
        RankGram.Products(panel, rows, cols, 0, padded, 0, padded, upperOnly: true, upper, padded, threads: 1, default);
        for (int i = 0; i < cols; i++)
            for (int j = 0; j < cols; j++)
            {
                double dot = 0;
                for (int r = 0; r < rows; r++) dot += panel[i * rows + r] * 0.5 * (panel[j * rows + r] * 0.5);
                Assert.Equal(dot, full[i * padded + j]); // half-integer products: exact in any order
                if (j >= i) Assert.Equal(dot, upper[i * padded + j]);
            }
        for (int j = cols; j < padded; j++) Assert.Equal(0.0, full[j]); // padding columns are zeros
    }

    [Fact]
    public void GramProductOverManyChunksEqualsNaiveDots()
    {
        // Enough rows for several row chunks, and a row panel that starts inside the columns.
        var rng = new Random(9);
        int cols = 9, rows = 70_001, padded = RankGram.PaddedColumns(cols);
        var panel = new int[cols * rows];
        for (int i = 0; i < panel.Length; i++) panel[i] = rng.Next(-rows, rows + 1);
        var block = new double[4 * padded];
        RankGram.Products(panel, rows, cols, 4, 8, 0, padded, upperOnly: false, block, padded, threads: 2, default);
        for (int i = 4; i < 8; i++)
            for (int j = 0; j < cols; j++)
            {
                double dot = 0;
                for (int r = 0; r < rows; r++) dot += (double)panel[i * rows + r] * panel[j * rows + r];
                Assert.Equal(dot * 0.25, block[(i - 4) * padded + j]);
            }
    }

    [Fact]
    public void MissingValuesAndTiesMatchPairwiseCompleteRanking()
    {
        var rng = new Random(11);
        int rows = 203, cols = 13;
        var columns = new double[cols][];
        for (int c = 0; c < cols; c++)
        {
            columns[c] = new double[rows];
            for (int r = 0; r < rows; r++)
            {
                // Few distinct values (heavy ties) and, in every third column, ~20% missing.
                columns[c][r] = rng.Next(0, 25) + (c % 2 == 0 ? 0.5 * rng.Next(0, 2) : 0);
                if (c % 3 == 1 && rng.NextDouble() < 0.2) columns[c][r] = double.NaN;
            }
        }
        columns[5] = Enumerable.Repeat(3.0, rows).ToArray(); // constant: NaN SRCC everywhere
        var names = Enumerable.Range(0, cols).Select(c => $"d{c}").ToArray();
        var m = SrccMatrix.Compute(names, columns);
        for (int i = 0; i < cols; i++)
            for (int j = 0; j < cols; j++)
            {
                var (expected, pairs) = Spearman.PairwiseComplete(columns[i], columns[j]);
                Assert.Equal(pairs, m.PairCount(i, j));
                if (double.IsNaN(expected)) Assert.True(double.IsNaN(m[i, j]), $"({i},{j}) = {m[i, j]}, expected NaN");
                else Assert.Equal(expected, m[i, j], 12);
            }
    }

    [SkippableFact]
    public void OneThreadAndAllCoresGiveTheSameBits()
    {
        TestData.RequireSharedDatasets();
        var t = TestData.NasBench201Latency;
        var one = SrccMatrix.Compute(t.ColumnNames, t.RowCount, c => t.Column(c), threads: 1);
        var all = SrccMatrix.Compute(t.ColumnNames, t.RowCount, c => t.Column(c));
        for (int i = 0; i < one.Devices.Count; i++)
            for (int j = 0; j < one.Devices.Count; j++) Assert.Equal(one[i, j], all[i, j]);
    }
}

public class RadixRankingTests
{
    [Fact]
    public void LongColumnsRankAsTheComparisonSortDoes()
    {
        var rng = new Random(3);
        int n = RadixRanking.MinLength + 1234;
        var values = new double[n];
        for (int i = 0; i < n; i++)
            values[i] = i % 7 == 0 ? rng.Next(-50, 50) * 0.25 : (rng.NextDouble() - 0.3) * 1e6; // ties, negatives
        values[10] = -0.0; values[11] = 0.0; values[12] = double.Epsilon; values[13] = -1e300;
        var radix = new double[n];
        RadixRanking.AverageRanksInto(values, radix, new RadixRanking.Scratch(n));
        Assert.Equal(Ranking.AverageRanks(values), radix);
        Assert.Equal(radix[10], radix[11]); // -0.0 == 0.0: one tie
    }

    [Theory]
    [InlineData(1)]
    [InlineData(17)]
    [InlineData(5_000)]
    [InlineData(70_000)]
    public void DoubledRanksAreTwiceTheCentredAverageRanks(int n)
    {
        var rng = new Random(n);
        var values = new double[n];
        for (int i = 0; i < n; i++)
            values[i] = i % 5 == 0 ? rng.Next(-20, 20) * 0.5 : Math.Round((rng.NextDouble() - 0.2) * 1e4, 3); // ties, negatives
        if (n > 20) { values[3] = -0.0; values[4] = 0.0; values[5] = double.Epsilon; values[6] = -1e300; values[7] = 1e300; }
        var expected = Ranking.AverageRanks(values).Select(r => 2 * (r - (n + 1) / 2.0)).ToArray();
        var radix = new int[n];
        DoubledRanks.Compute(values, radix, new DoubledRanks.Scratch(n));
        Assert.Equal(expected, radix.Select(v => (double)v).ToArray());
        var sorted = new int[n];
        DoubledRanks.ComputeBySort(values, sorted, new double[n], new int[n]);
        Assert.Equal(radix, sorted);
    }
}

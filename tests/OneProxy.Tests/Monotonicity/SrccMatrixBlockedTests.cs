using OneProxy.Monotonicity;

namespace OneProxy.Tests.Monotonicity;

/// <summary>
/// The blocked SIMD product and the mask-based pairwise path against the pairwise definition
/// (<see cref="Spearman.Correlation"/> / <see cref="Spearman.PairwiseComplete"/>, the
/// implementation the matrix used before).
/// </summary>
public class SrccMatrixBlockedTests
{
    [Theory]
    [InlineData("nasbench201")]
    [InlineData("fbnet")]
    public void EveryPairOfTheSharedDataEqualsThePairwiseDefinition(string dataset)
    {
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
        int cols = 11, rows = 37, stride = RankGram.Stride(rows), padded = RankGram.PaddedColumns(cols);
        var panel = new double[padded * stride];
        for (int c = 0; c < cols; c++)
            for (int r = 0; r < rows; r++) panel[c * stride + r] = rng.Next(-40, 41) / 2.0;
        var full = new double[padded * padded];
        RankGram.Products(panel, stride, 0, padded, 0, padded, upperOnly: false, full, padded, threads: 2, default);
        var upper = new double[padded * padded];
        RankGram.Products(panel, stride, 0, padded, 0, padded, upperOnly: true, upper, padded, threads: 1, default);
        for (int i = 0; i < cols; i++)
            for (int j = 0; j < cols; j++)
            {
                double dot = 0;
                for (int r = 0; r < rows; r++) dot += panel[i * stride + r] * panel[j * stride + r];
                Assert.Equal(dot, full[i * padded + j]); // half-integer products: exact in any order
                if (j >= i) Assert.Equal(dot, upper[i * padded + j]);
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

    [Fact]
    public void OneThreadAndAllCoresGiveTheSameBits()
    {
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
}

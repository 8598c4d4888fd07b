using FsCheck;
using FsCheck.Fluent;
using Microsoft.FSharp.Core;
using OneProxy.Monotonicity;

namespace OneProxy.Reliability.Tests;

/// <summary>
/// Property (FsCheck, fixed replay seed): for any column without NaN, the packed-word radix
/// ranking of issue 20 gives the same doubled ranks as the comparison sort it replaced, on one
/// thread and on two. Values come from a pool that makes the hard cases common: ties, -0.0 and
/// 0.0, infinities, the extremes, and neighbouring doubles that share a packed word once low key
/// bits are dropped.
/// </summary>
public class RankingPropertyTests
{
    private static readonly double[] Pool =
    [
        0.0, -0.0, 1.0, Math.BitIncrement(1.0), Math.BitIncrement(Math.BitIncrement(1.0)), -1.0, -Math.BitIncrement(1.0),
        double.PositiveInfinity, double.NegativeInfinity, double.MaxValue, double.MinValue, double.Epsilon, -double.Epsilon,
        1e-300, -1e300, 0.001, 12.345, 12.346,
    ];

    private static Gen<double> Value =>
        Gen.Frequency((3, Gen.Elements(Pool)), (2, Gen.Choose(-1000, 1000).Select(i => i * 0.001)), (1, Gen.Choose(0, int.MaxValue).Select(i => Math.Exp(i * 1e-8) - 1)));

    [Fact]
    public void PackedRadixEqualsTheComparisonSortForAnyColumn()
    {
        var columns = Gen.Frequency((9, Value.ArrayOf()), (1, Gen.Choose(65_536 * 2, 140_000).SelectMany(n => Value.ArrayOf(n))));
        int checkedColumns = 0;
        var property = Prop.ForAll(columns.ToArbitrary(), (double[] values) =>
        {
            int n = values.Length;
            var expected = new int[n];
            DoubledRanks.ComputeBySort(values, expected, new double[n], new int[n]);
            foreach (int threads in new[] { 1, 2 })
            {
                var ranks = new int[n];
                PackedRadixRanks.Compute(_ => values, 0, ranks, new PackedRadixRanks.Scratch(n), threads);
                Assert.Equal(expected, ranks);
            }
            checkedColumns++;
            return true;
        });
        var replay = new Replay(new Rnd(23UL, 0x9E3779B97F4A7C15UL), FSharpOption<int>.None);
        FsCheck.Check.One(Config.QuickThrowOnFailure.WithMaxTest(300).WithQuietOnSuccess(true).WithReplay(FSharpOption<Replay>.Some(replay)), property);
        Assert.Equal(300, checkedColumns);
    }
}

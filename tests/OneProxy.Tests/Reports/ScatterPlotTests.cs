using OneProxy.Reports.Figures;

namespace OneProxy.Tests.Reports;

public class ScatterPlotTests
{
    private static readonly ScatterSeries[] Sets =
    [
        new("small", [0.19, 0.5, 1.04], [27.8, 60, 154.8], "#D55E00"),
        new("large", [.. Enumerable.Range(0, 50).Select(i => 0.4 + 0.004 * i)], [.. Enumerable.Range(0, 50).Select(i => 70 + i)], "#0072B2"),
        new("with gaps", [0.3, double.NaN, 0.6], [40, 50, double.PositiveInfinity], "#009E73"),
    ];

    [Fact]
    public void EveryPointLiesStrictlyInsideTheFrameAtRoundTicks()
    {
        var figure = ScatterPlot.Create("energy vs latency", "latency (ms)", "energy per inference (mJ)", Sets);
        var limits = figure.Plot.Axes.GetLimits();
        foreach (var s in Sets)
            for (int i = 0; i < s.X.Count; i++)
            {
                if (!double.IsFinite(s.X[i]) || !double.IsFinite(s.Y[i])) continue;
                Assert.InRange(s.X[i], limits.Left + 1e-9, limits.Right - 1e-9);
                Assert.InRange(s.Y[i], limits.Bottom + 1e-9, limits.Top - 1e-9);
            }
        // The padding is 4 % of the data's range on each side: [0.19, 1.04] -> [0.156, 1.074].
        Assert.Equal(0.19 - 0.04 * 0.85, limits.Left, 9);
        Assert.Equal(1.04 + 0.04 * 0.85, limits.Right, 9);
        var svg = figure.ToSvg();
        // Legends count only the finite pairs drawn; ticks are at round steps (0.2 on x, 20 on y).
        Assert.Contains("small (3)", svg);
        Assert.Contains("large (50)", svg);
        Assert.Contains("with gaps (1)", svg);
        double[] Ticks(ScottPlot.IAxis axis) => axis.TickGenerator.Ticks.Where(t => t.IsMajor).Select(t => t.Position).ToArray();
        Assert.Equal([0.2, 0.4, 0.6, 0.8, 1.0], Ticks(figure.Plot.Axes.Bottom));
        Assert.Equal([40, 60, 80, 100, 120, 140], Ticks(figure.Plot.Axes.Left));
    }

    [Fact]
    public void NothingToDrawIsAUserError()
    {
        Assert.Throws<UnusableDataException>(() => ScatterPlot.Create("t", "x", "y", [new ScatterSeries("empty", [double.NaN], [1], "#000000")]));
        Assert.Throws<ArgumentException>(() => ScatterPlot.Create("t", "x", "y", [new ScatterSeries("bad", [1, 2], [1], "#000000")]));
    }

    [Fact]
    public void ASingleValueGetsAFrameAroundIt()
    {
        var (lo, hi) = ScatterPlot.Padded(1, 1);
        Assert.Equal(0.99, lo, 12);
        Assert.Equal(1.01, hi, 12);
        Assert.Equal((-1.0, 1.0), ScatterPlot.Padded(0, 0));
    }

    [Fact]
    public void TheLegendGoesToTheCornerWithTheFewestPoints()
    {
        double[] diagonal = [.. Enumerable.Range(0, 11).Select(i => i / 10.0)];
        Assert.Equal(ScottPlot.Alignment.UpperLeft, ScatterPlot.EmptiestCorner(diagonal, diagonal, 0, 1, 0, 1));
        // Three points in the upper left, one in the lower right: the upper right is empty.
        Assert.Equal(ScottPlot.Alignment.UpperRight, ScatterPlot.EmptiestCorner([0.1, 0.2, 0.1, 0.9], [0.9, 0.8, 0.95, 0.1], 0, 1, 0, 1));
    }
}

using System.Globalization;
using System.Xml.Linq;
using OneProxy.Monotonicity;
using OneProxy.Reports.Figures;
using OneProxy.Search;
using OneProxy.SearchSpaces;

namespace OneProxy.Tests.Reports;

public class FigureTests
{
    private static Candidate C(double ms, double acc) => new(new Architecture([0]), ms, acc);

    private static readonly PlotSeries[] Fronts =
    [
        new("oracle", [C(1.1, 60), C(1.64, 88), C(3.29, 91), C(4.93, 93.5), C(2.0, 12.0), .. Enumerable.Range(0, 15).Select(i => C(2 + 0.1 * i, 89 + 0.2 * i))], "#000000", true),
        new("found", [C(1.7, 87.5), C(3.3, 90.5), C(0.9, 20)], "#D55E00", false),
    ];

    [Theory]
    [InlineData(0, 9.87, 2)]
    [InlineData(1.64, 4.93, 0.5)]
    [InlineData(83, 95, 2)]
    [InlineData(0.3, 1.0, 0.2)]
    [InlineData(-2.3, 27.1, 5)]
    [InlineData(100, 20000, 5000)]
    public void RoundTicksUseOneTwoFiveSteps(double lo, double hi, double step)
    {
        Assert.Equal(step, RoundTicks.Step(lo, hi), 12);
        var ticks = RoundTicks.Inside(lo, hi);
        Assert.InRange(ticks.Length, 2, 6);
        Assert.All(ticks, t => Assert.InRange(t, lo - 1e-9, hi + 1e-9));
        Assert.All(ticks, t => Assert.Equal(0, Math.IEEERemainder(t, step), 9));
    }

    [Fact]
    public void RoundTicksAreRoundOnManyRanges()
    {
        var rng = new Random(7);
        for (int k = 0; k < 500; k++)
        {
            double lo = (rng.NextDouble() - 0.5) * Math.Pow(10, rng.Next(-3, 5)), hi = lo + rng.NextDouble() * Math.Pow(10, rng.Next(-3, 5)) + 1e-6;
            double step = RoundTicks.Step(lo, hi);
            Assert.True(RoundTicks.IsRoundStep(step), $"[{lo}, {hi}] gave step {step}");
            Assert.InRange(RoundTicks.Inside(lo, hi).Length, 2, 6);
        }
        Assert.False(RoundTicks.IsRoundStep(1.64));
    }

    [Fact]
    public void ParetoPlotKeepsEveryPointInsideTheFrameOrCountsItBelow()
    {
        var figure = ParetoPlot.Create("fronts", Fronts, "latency on pixel3 (ms)");
        var limits = figure.Plot.Axes.GetLimits();
        var all = Fronts.SelectMany(s => s.Points).ToArray();
        // Every latency lies strictly inside the frame; low accuracies are not clamped onto the axis:
        // they stay at their value (clipped by the frame) and the legend says how many.
        Assert.All(all, p => Assert.InRange(p.LatencyMs, limits.Left + 1e-9, limits.Right - 1e-9));
        Assert.All(all.Where(p => p.AccuracyPercent >= 60), p => Assert.InRange(p.AccuracyPercent, limits.Bottom, limits.Top));
        var svg = figure.ToSvg();
        Assert.Contains("oracle (20, 1 below axis)", svg);
        Assert.InRange(limits.Bottom, 12.0001, 60);
        Assert.Contains("found (3, 1 below axis)", svg);
        Assert.Contains("latency on pixel3 (ms)", svg);
        Assert.Contains("clip-path", svg);
        // Ticks land on round values, never on 1.64/3.29/4.93.
        var ticks = figure.Plot.Axes.Bottom.TickGenerator.Ticks.Where(t => t.IsMajor).Select(t => t.Position).ToArray();
        Assert.NotEmpty(ticks);
        Assert.True(RoundTicks.IsRoundStep(ticks[1] - ticks[0]));
    }

    [Fact]
    public void AFrontsLowEndStaysInsideAndPointsBelowTheAxisAreNotDrawn()
    {
        // A cloud of 40 models between 69.5 and 72 % and a front reaching down to 67.5 %: the cloud's 10th
        // percentile alone would put the axis at 68 and cut the front's first steps off.
        var cloud = Enumerable.Range(0, 40).Select(i => C(2 + 0.08 * i, 69.5 + 2.5 * ((i * 7) % 40) / 40.0)).ToList();
        PlotSeries[] s =
        [
            new("all", cloud, "#999999", false),
            new("front", [C(1.5, 67.5), C(1.8, 68.0), C(2.1, 69.6), C(4, 71.9)], "#000000", true),
            new("degenerate", [C(1.0, 10.0)], "#D55E00", false),
        ];
        var figure = ParetoPlot.Create("t", s, "ms");
        var limits = figure.Plot.Axes.GetLimits();
        Assert.InRange(limits.Bottom, 60, 67.5);
        var svg = figure.ToSvg();
        Assert.Contains("front (4)", svg);
        Assert.Contains("degenerate (1, 1 below axis)", svg);
        // The point below the axis is not drawn: the degenerate series' marker plottable holds no points.
        var markers = figure.Plot.GetPlottables().OfType<ScottPlot.Plottables.Markers>().Single(m => m.LegendText.StartsWith("degenerate", StringComparison.Ordinal));
        Assert.Empty(markers.Data.GetScatterPoints());
    }

    [Fact]
    public void TheLegendLeavesTheFrameWhenEveryCornerHoldsData()
    {
        var grid = (from i in Enumerable.Range(0, 12) from j in Enumerable.Range(0, 12) select C(1 + i, 80 + j)).ToList();
        var figure = ParetoPlot.Create("t", [new("grid", grid, "#999999", false)], "ms");
        Assert.True(figure.Height > FigureStyle.Height, $"height {figure.Height}: the legend should sit below the frame");
        var corner = ParetoPlot.Create("t", Fronts, "ms");
        Assert.Equal(FigureStyle.Height, corner.Height);
    }

    [Fact]
    public void ALogAxisPutsMajorTicksOnPowersOfTenAndTheLegendBelow()
    {
        double[] x = [0, 1, 2, 3];
        var figure = LinePlot.Create("regret", "round", "regret", [new LineSeries("a", "#000000", x, [0, 5, 50, 3000]), new LineSeries("b", "#D55E00", x, [0.5, 2, 3, 4])],
            logY: true, legendBelow: true);
        var limits = figure.Plot.Axes.GetLimits();
        Assert.Equal(0, limits.Bottom, 9);                       // 10^0: values below 1 are drawn at 1
        Assert.InRange(limits.Top, Math.Log10(3000), 3.6);
        figure.ToSvg(); // ticks are generated when the figure is laid out
        var majors = figure.Plot.Axes.Left.TickGenerator.Ticks.Where(t => t.IsMajor).ToArray();
        Assert.Equal(["1", "10", "100", "1,000"], majors.Select(t => t.Label));
        Assert.Equal([0.0, 1, 2, 3], majors.Select(t => t.Position));
        Assert.True(figure.Height > FigureStyle.Height);
        Assert.Equal(FigureStyle.Width, figure.Width);
    }

    [Fact]
    public void SeriesGetDistinctMarkersAndTheLargestIsDrawnFirst()
    {
        var figure = ParetoPlot.Create("fronts", Fronts, "ms");
        var markers = figure.Plot.GetPlottables().OfType<ScottPlot.Plottables.Markers>().ToArray();
        Assert.Equal(2, markers.Length);
        Assert.NotEqual(markers[0].MarkerStyle.Shape, markers[1].MarkerStyle.Shape);
        Assert.StartsWith("oracle", markers[0].LegendText, StringComparison.Ordinal); // 20 points before 3
    }

    [Fact]
    public void FiguresAreWrittenAsSvgPngAndPdfByExtension()
    {
        var figure = ParetoPlot.Create("fronts", Fronts, "ms");
        var dir = Directory.CreateTempSubdirectory("oneproxy-fig-");
        try
        {
            foreach (var ext in new[] { "svg", "png", "pdf" }) figure.Save(Path.Combine(dir.FullName, $"f.{ext}"));
            var svg = XDocument.Load(Path.Combine(dir.FullName, "f.svg"));
            Assert.Equal("svg", svg.Root!.Name.LocalName);
            var png = File.ReadAllBytes(Path.Combine(dir.FullName, "f.png"));
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
            int w = (png[16] << 24) | (png[17] << 16) | (png[18] << 8) | png[19];
            Assert.Equal((int)(figure.Width * Figure.PngScale), w);
            var pdf = File.ReadAllBytes(Path.Combine(dir.FullName, "f.pdf"));
            Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(pdf, 0, 4));
            var e = Assert.Throws<InvalidOptionException>(() => figure.Save(Path.Combine(dir.FullName, "f.jpg")));
            Assert.StartsWith("--plot:", e.Message, StringComparison.Ordinal);
        }
        finally { dir.Delete(true); }
    }

    [Fact]
    public void AverageLinkagePutsBlocksTogetherDeterministically()
    {
        // Devices 0, 2, 4 rank alike, and 1, 3 rank alike, interleaved in file order.
        string[] names = ["a0", "b1", "a2", "b3", "a4"];
        var v = new double[5, 5];
        for (int i = 0; i < 5; i++)
            for (int j = 0; j < 5; j++)
                v[i, j] = i == j ? 1 : i % 2 == j % 2 ? 0.95 + 0.01 * Math.Min(i, j) : 0.4;
        var m = new SrccMatrix(names, v, new int[5, 5]);
        var order = Heatmap.ClusteredOrder(m);
        Assert.Equal([0, 2, 4, 1, 3], order); // closest pair (2, 4) first, then 0 joins it (listed first: smaller index); then (1, 3)
        Assert.Equal(order, Heatmap.ClusteredOrder(m));
        // Ties: all distances equal gives file order.
        var flat = new double[4, 4];
        for (int i = 0; i < 4; i++) for (int j = 0; j < 4; j++) flat[i, j] = i == j ? 0 : 0.5;
        Assert.Equal([0, 1, 2, 3], AverageLinkage.Order(flat));
    }

    [Fact]
    public void HeatmapHasALabelledColourBarAndNoCellOutlines()
    {
        string[] names = ["pixel3", "raspi4", "gpu"];
        var v = new double[,] { { 1, 0.97, 0.5 }, { 0.97, 1, 0.55 }, { 0.5, 0.55, 1 } };
        var svg = Heatmap.Create(new SrccMatrix(names, v, new int[3, 3]), "t", 0.9).ToSvg();
        var doc = XDocument.Parse(svg);
        var texts = doc.Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value.Trim()).ToArray();
        Assert.Contains("SRCC", texts);
        // colour bar at round ticks (0.1 or 0.2 apart, depending on the bar's length)
        Assert.True(texts.Contains("0.6") || texts.Contains("0.8"), string.Join("|", texts));
        Assert.Contains(".97", texts); // 3 devices: cells large enough for their values
        Assert.DoesNotContain(doc.Descendants(), e => (string?)e.Attribute("stroke") == "#d62728");
        // The subtitle wraps at this narrow width (3 devices), so read the lines together.
        Assert.Contains("SRCC < 0.90 for 2 of 3 pairs", string.Join(" ", texts), StringComparison.Ordinal);
    }

    [Fact]
    public void TextStaysReadableAtSingleColumnWidth()
    {
        // Smallest font in points when the figure is printed 3.5 in (252 pt) wide.
        static double MinPoints(Figure f) => XDocument.Parse(f.ToSvg()).Descendants()
            .Select(e => (string?)e.Attribute("font-size")).OfType<string>()
            .Min(s => double.Parse(s, CultureInfo.InvariantCulture)) * FigureStyle.ColumnPoints / f.Width;
        Assert.True(MinPoints(ParetoPlot.Create("fronts", Fronts, "ms")) >= 6.0);
        var names = Enumerable.Range(0, 27).Select(i => $"device_{i:00}").ToArray();
        var v = new double[27, 27];
        for (int i = 0; i < 27; i++) for (int j = 0; j < 27; j++) v[i, j] = i == j ? 1 : 0.8;
        // 27 devices (the NAS-Bench-201 matrix) is the hard case: rows one font-height tall.
        Assert.True(MinPoints(Heatmap.Create(new SrccMatrix(names, v, new int[27, 27]), "t", 0.9)) >= 5.5);
    }
}

using System.Text.RegularExpressions;
using OneProxy.Aquaman.Reports;

namespace OneProxy.Aquaman.Tests;

public class SimulationPlotsTests
{
    private static SimulationCurves Curves(int models)
    {
        double[] rounds = [.. Enumerable.Range(1, 200).Select(i => i * 100.0)];
        double[] share(int seed) => [.. Enumerable.Range(0, models).Select(m => (double)((m * 37 + seed) % models + 1))];
        double[] Norm(double[] v) => [.. v.Select(x => x / v.Sum())];
        return new SimulationCurves("test (SYNTHETIC)", ["aquaman", "static"], rounds,
            [rounds.Select(r => 0.7).ToArray(), rounds.Select(r => 0.6).ToArray()], [new double[200], new double[200]],
            [rounds.Select(r => Math.Sqrt(r)).ToArray(), rounds.Select(r => r / 10).ToArray()], [0.5, 1.0],
            [.. Enumerable.Range(0, models).Select(m => $"model{m}")], Norm(share(0)), [Norm(share(1)), Norm(share(2))], [], []);
    }

    [Fact]
    public void Selection_bars_of_a_hundred_models_keep_the_most_chosen_and_sum_the_rest()
    {
        var small = SimulationPlots.Selections(Curves(5));
        var large = SimulationPlots.Selections(Curves(100));
        // the large world's figure was 4,590 px tall with one group per model
        Assert.True(large.Height <= 600, $"height {large.Height} px");
        var svg = large.ToSvg();
        Assert.Contains($"other {100 - (SimulationPlots.MaxSelectionModels - 1)} models", svg);
        bool Label(string text) => Regex.IsMatch(svg, $@">\s*{text}\s*<");
        Assert.True(Label("model27")); // (37·27) mod 100 = 99: the largest oracle share, kept
        Assert.False(Label("model0"));  // the smallest share everywhere: summed into "other"
        Assert.Contains("model4", small.ToSvg());
    }

    [Fact]
    public void The_round_axis_ends_beyond_the_last_round_so_its_tick_label_fits()
    {
        var svg = SimulationPlots.Regret(Curves(5)).ToSvg();
        // the "20000" label is centred on its tick (ScottPlot: translate(x y), glyphs from −20.7 to +20.7 px at 13 px);
        // it used to sit on the plot's right edge at x = 505 of 520, so its last digits were cut
        var m = Regex.Match(svg, @"<text transform=""translate\(([0-9.]+) [^>]*>\s*20000\s*<");
        Assert.True(m.Success, "no 20000 tick label");
        double x = double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(x + 21 <= 520, $"label centred at x = {x} of 520 px");
    }
}

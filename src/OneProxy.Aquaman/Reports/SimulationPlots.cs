using ScottPlot;
using OneProxy.Aquaman.Evaluation;
using OneProxy.Reports.Figures;

namespace OneProxy.Aquaman.Reports;

/// <summary>
/// What the simulation figures need, either from a finished run or read back from the CSVs a run
/// saved (<see cref="SimulationCsvFigures"/>), so a figure can be redrawn without rerunning the bandits.
/// </summary>
public sealed record SimulationCurves(string Subtitle, IReadOnlyList<string> Policies, IReadOnlyList<double> Rounds,
    IReadOnlyList<double[]> AverageQoe, IReadOnlyList<double[]> AverageQoeStd, IReadOnlyList<double[]> Regret, IReadOnlyList<double> RegretSlope,
    IReadOnlyList<string> ModelNames, IReadOnlyList<double> OracleShare, IReadOnlyList<double[]> SelectionShare,
    IReadOnlyList<string> TrainedPolicies, IReadOnlyList<double[]> TrainingLoss);

/// <summary>The figures of a simulation: time-average QoE, cumulative regret, QoE CDF, selections vs Oracle, training loss.</summary>
public static class SimulationPlots
{
    private static string Color(int i) => FigureStyle.Palette[i % FigureStyle.Palette.Length];

    /// <summary>Most models the selection bars show one by one; beyond it the rest are summed into one "other" group.</summary>
    public const int MaxSelectionModels = 12;

    /// <summary>x-axis end 5 % beyond the last round, so the last tick's label ("20000") is not cut by the edge.</summary>
    private static double RoundAxisEnd(IReadOnlyList<double> rounds) => rounds.Count == 0 ? 1 : rounds.Max() * 1.05;

    public static string Subtitle(string environmentLabel, int rounds, int maxDelay, int seeds) =>
        $"{environmentLabel}, T={rounds}, delay U{{1..{maxDelay}}}, {seeds} seed{(seeds == 1 ? "" : "s")}";

    private static string Subtitle(SimulationReport r) => Subtitle(r.EnvironmentLabel, r.Options.Rounds, r.Options.MaxDelay, r.Options.Seeds);

    public static SimulationCurves Curves(SimulationReport r)
    {
        var trained = r.Summaries.Where(s => s.TrainingLoss.Length > 0).ToArray();
        return new SimulationCurves(Subtitle(r), r.Summaries.Select(s => s.Policy).ToArray(), r.Summaries[0].CurveRounds.Select(x => (double)x).ToArray(),
            r.Summaries.Select(s => s.AverageQoeCurve.ToArray()).ToArray(), r.Summaries.Select(s => s.AverageQoeCurveStd.ToArray()).ToArray(),
            r.Summaries.Select(s => s.RegretCurve.ToArray()).ToArray(), r.Summaries.Select(s => s.RegretLogLogSlope).ToArray(),
            r.ModelNames, r.Summaries[0].OracleSelectionShare.ToArray(), r.Summaries.Select(s => s.SelectionShare.ToArray()).ToArray(),
            trained.Select(s => s.Policy).ToArray(), trained.Select(s => s.TrainingLoss.ToArray()).ToArray());
    }

    public static Figure AverageQoe(SimulationCurves c) => LinePlot.Create($"Time-average QoE (mean ± sd over seeds): {c.Subtitle}", "round", "time-average QoE",
        c.Policies.Select((p, i) => new LineSeries(p, Color(i), c.Rounds, c.AverageQoe[i],
            c.AverageQoe[i].Zip(c.AverageQoeStd[i], (m, d) => m - d).ToArray(), c.AverageQoe[i].Zip(c.AverageQoeStd[i], (m, d) => m + d).ToArray())).ToArray(),
        yMin: Math.Max(0, c.AverageQoe.Min(q => q[^1]) - 0.15), yMax: Math.Min(1, c.AverageQoe.Max(q => q.Max()) + 0.03), legendInside: Alignment.LowerRight,
        xMax: RoundAxisEnd(c.Rounds));

    /// <summary>
    /// Cumulative regret on a log axis (good policies differ by tens where random is in thousands), the legend under
    /// the frame; a policy whose regret is 0 throughout (Oracle, by definition) has no line there and is named in the
    /// axis label instead.
    /// </summary>
    public static Figure Regret(SimulationCurves c)
    {
        var shown = Enumerable.Range(0, c.Policies.Count).Where(i => c.Regret[i].Any(v => v > 0)).ToArray();
        var zero = Enumerable.Range(0, c.Policies.Count).Except(shown).Select(i => c.Policies[i]).ToArray();
        string yLabel = zero.Length == 0 ? "cumulative pseudo-regret" : $"cumulative pseudo-regret ({string.Join(", ", zero)}: 0)";
        return LinePlot.Create($"Cumulative regret (seed mean): {c.Subtitle}", "round", yLabel,
            shown.Select(i => new LineSeries(double.IsFinite(c.RegretSlope[i]) ? $"{c.Policies[i]} (slope {c.RegretSlope[i]:0.00})" : c.Policies[i], Color(i), c.Rounds, c.Regret[i])).ToArray(),
            xMax: RoundAxisEnd(c.Rounds), logY: true, legendBelow: true);
    }

    public static Figure Cdf(SimulationReport r) => LinePlot.Create($"CDF of per-round QoE: {Subtitle(r)}", "QoE", "fraction of rounds",
        r.Summaries.Select((s, i) => new LineSeries(s.Policy, Color(i), Enumerable.Range(1, 100).Select(b => b / 100.0).ToArray(), s.Cdf)).ToArray(), 0, 1, legendInside: Alignment.UpperLeft);

    /// <summary>
    /// Share of rounds per model, Oracle's beside each policy's. With more than <see cref="MaxSelectionModels"/> models
    /// (the large world has 100, which made a 4,590 px tall figure) only the models with the largest share in any
    /// series are drawn, the rest summed into one "other" group, so the figure keeps the house size.
    /// </summary>
    public static Figure Selections(SimulationCurves c)
    {
        var series = new List<(string Name, string Color, IReadOnlyList<double> Values)> { ("oracle (same devices)", "#000000", c.OracleShare) };
        series.AddRange(c.Policies.Select((p, i) => (p, i)).Where(x => x.p != "oracle").Select((x, k) => (x.p, Color(k + 1), (IReadOnlyList<double>)c.SelectionShare[x.i])));
        var (models, shares, title) = (c.ModelNames, series, $"Share of rounds per model: {c.Subtitle}");
        if (c.ModelNames.Count > MaxSelectionModels)
        {
            int top = MaxSelectionModels - 1;
            var keep = Enumerable.Range(0, c.ModelNames.Count).OrderByDescending(m => series.Max(s => s.Values[m])).ThenBy(m => m).Take(top).ToArray();
            var rest = Enumerable.Range(0, c.ModelNames.Count).Except(keep).ToArray();
            models = [.. keep.Select(m => c.ModelNames[m]), $"other {rest.Length} models"];
            shares = series.Select(s => (s.Name, s.Color, (IReadOnlyList<double>)[.. keep.Select(m => s.Values[m]), rest.Sum(m => s.Values[m])])).ToList();
            title = $"Share of rounds, {top} most chosen of {c.ModelNames.Count} models: {c.Subtitle}";
        }
        // the legend covers the right end of the first or last ~3 groups: put it where their longest bar is shorter
        double Longest(IEnumerable<int> groups) => groups.Max(g => shares.Max(x => x.Values[g]));
        int n = models.Count, span = Math.Min(3, n);
        var corner = Longest(Enumerable.Range(n - span, span)) < Longest(Enumerable.Range(0, span)) ? Alignment.LowerRight : Alignment.UpperRight;
        return LinePlot.Bars(title, models, shares, legendInside: corner);
    }

    public static Figure? Loss(SimulationCurves c)
    {
        if (c.TrainedPolicies.Count == 0) return null;
        return LinePlot.Create($"Last-epoch training loss (MSE) per retraining: {c.Subtitle}", "retraining (every 100 feedbacks)", "MSE",
            c.TrainedPolicies.Select((p, i) => new LineSeries(p, Color(i), Enumerable.Range(1, c.TrainingLoss[i].Length).Select(x => (double)x).ToArray(), c.TrainingLoss[i])).ToArray(), yMin: 0,
            legendInside: Alignment.UpperRight, xMax: RoundAxisEnd([.. c.TrainingLoss.Select(l => (double)l.Length)]));
    }
}

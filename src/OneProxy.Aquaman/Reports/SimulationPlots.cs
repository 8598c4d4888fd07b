using OneProxy.Aquaman.Evaluation;

namespace OneProxy.Aquaman.Reports;

/// <summary>The figures of a simulation: time-average QoE, cumulative regret, QoE CDF, selections vs Oracle, training loss.</summary>
public static class SimulationPlots
{
    private static string Color(int i) => LinePlotSvg.Palette[i % LinePlotSvg.Palette.Length];

    private static string Subtitle(SimulationReport r) =>
        $"{r.EnvironmentLabel}, T={r.Options.Rounds}, delay U{{1..{r.Options.MaxDelay}}}, {r.Options.Seeds} seeds";

    public static string AverageQoe(SimulationReport r) => LinePlotSvg.Render($"Time-average QoE (mean ± sd over seeds): {Subtitle(r)}", "round", "time-average QoE",
        r.Summaries.Select((s, i) => new LineSeries(s.Policy, Color(i), s.CurveRounds.Select(x => (double)x).ToArray(), s.AverageQoeCurve,
            s.AverageQoeCurve.Zip(s.AverageQoeCurveStd, (m, d) => m - d).ToArray(), s.AverageQoeCurve.Zip(s.AverageQoeCurveStd, (m, d) => m + d).ToArray())).ToArray(),
        yMin: Math.Max(0, r.Summaries.Min(s => s.AverageQoeCurve[^1]) - 0.15), yMax: Math.Min(1, r.Summaries.Max(s => s.AverageQoeCurve.Max()) + 0.03));

    public static string Regret(SimulationReport r) => LinePlotSvg.Render($"Cumulative regret (seed mean): {Subtitle(r)}", "round", "cumulative pseudo-regret",
        r.Summaries.Select((s, i) => new LineSeries($"{s.Policy} (slope {s.RegretLogLogSlope:0.00})", Color(i), s.CurveRounds.Select(x => (double)x).ToArray(), s.RegretCurve)).ToArray(), yMin: 0);

    public static string Cdf(SimulationReport r) => LinePlotSvg.Render($"CDF of per-round QoE: {Subtitle(r)}", "QoE", "fraction of rounds",
        r.Summaries.Select((s, i) => new LineSeries(s.Policy, Color(i), Enumerable.Range(1, 100).Select(b => b / 100.0).ToArray(), s.Cdf)).ToArray(), 0, 1);

    public static string Selections(SimulationReport r) => LinePlotSvg.Bars($"Share of rounds per model: {Subtitle(r)}", r.ModelNames,
        [("oracle (same devices)", "#000000", r.Summaries[0].OracleSelectionShare),
         .. r.Summaries.Where(s => s.Policy != "oracle").Select((s, i) => (s.Policy, Color(i + 1), (IReadOnlyList<double>)s.SelectionShare))]);

    public static string? Loss(SimulationReport r)
    {
        var trained = r.Summaries.Where(s => s.TrainingLoss.Length > 0).ToArray();
        if (trained.Length == 0) return null;
        return LinePlotSvg.Render($"Last-epoch training loss (MSE) per retraining: {Subtitle(r)}", "retraining (every 100 feedbacks)", "MSE",
            trained.Select((s, i) => new LineSeries(s.Policy, Color(i), Enumerable.Range(1, s.TrainingLoss.Length).Select(x => (double)x).ToArray(), s.TrainingLoss)).ToArray(), yMin: 0);
    }
}

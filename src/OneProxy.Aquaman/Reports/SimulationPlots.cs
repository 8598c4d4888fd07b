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

    public static string Subtitle(string environmentLabel, int rounds, int maxDelay, int seeds) =>
        $"{environmentLabel}, T={rounds}, delay U{{1..{maxDelay}}}, {seeds} seeds";

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
        yMin: Math.Max(0, c.AverageQoe.Min(q => q[^1]) - 0.15), yMax: Math.Min(1, c.AverageQoe.Max(q => q.Max()) + 0.03), legendInside: Alignment.LowerRight);

    public static Figure Regret(SimulationCurves c) => LinePlot.Create($"Cumulative regret (seed mean): {c.Subtitle}", "round", "cumulative pseudo-regret",
        c.Policies.Select((p, i) => new LineSeries(double.IsFinite(c.RegretSlope[i]) ? $"{p} (slope {c.RegretSlope[i]:0.00})" : p, Color(i), c.Rounds, c.Regret[i])).ToArray(), yMin: 0,
        legendInside: Alignment.UpperLeft);

    public static Figure Cdf(SimulationReport r) => LinePlot.Create($"CDF of per-round QoE: {Subtitle(r)}", "QoE", "fraction of rounds",
        r.Summaries.Select((s, i) => new LineSeries(s.Policy, Color(i), Enumerable.Range(1, 100).Select(b => b / 100.0).ToArray(), s.Cdf)).ToArray(), 0, 1, legendInside: Alignment.UpperLeft);

    public static Figure Selections(SimulationCurves c) => LinePlot.Bars($"Share of rounds per model: {c.Subtitle}", c.ModelNames,
        [("oracle (same devices)", "#000000", c.OracleShare),
         .. c.Policies.Select((p, i) => (p, i)).Where(x => x.p != "oracle").Select((x, k) => (x.p, Color(k + 1), (IReadOnlyList<double>)c.SelectionShare[x.i]))], legendInside: Alignment.UpperRight);

    public static Figure? Loss(SimulationCurves c)
    {
        if (c.TrainedPolicies.Count == 0) return null;
        return LinePlot.Create($"Last-epoch training loss (MSE) per retraining: {c.Subtitle}", "retraining (every 100 feedbacks)", "MSE",
            c.TrainedPolicies.Select((p, i) => new LineSeries(p, Color(i), Enumerable.Range(1, c.TrainingLoss[i].Length).Select(x => (double)x).ToArray(), c.TrainingLoss[i])).ToArray(), yMin: 0,
            legendInside: Alignment.UpperRight);
    }
}

using System.Globalization;
using System.Text;
using OneProxy.Aquaman.Evaluation;

namespace OneProxy.Aquaman.Reports;

/// <summary>Text outputs of <c>aquaman simulate</c>: the issue's CSV, a readable table and detail CSVs.</summary>
public static class SimulationTables
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Columns policy,env,max_delay,seed_count,avg_qoe,avg_qoe_std,regret,top3_hit (the issue's format).</summary>
    public static string Csv(SimulationReport report)
    {
        var sb = new StringBuilder("policy,env,max_delay,seed_count,avg_qoe,avg_qoe_std,regret,top3_hit\n");
        foreach (var s in report.Summaries)
            sb.Append(Inv, $"{s.Policy},{s.Environment},{s.MaxDelay},{s.SeedCount},{s.AverageQoe:0.00000},{s.AverageQoeStd:0.00000},{s.Regret:0.0},{s.Top3Hit:0.0000}\n");
        return sb.ToString();
    }

    /// <summary>Everything per policy, including the ratio to Oracle, the regret slope and the timings.</summary>
    public static string SummaryCsv(SimulationReport report)
    {
        var sb = new StringBuilder("policy,env,synthetic,max_delay,rounds,seed_count,avg_qoe,avg_qoe_std,ratio_to_oracle,ratio_to_oracle_min,regret,regret_std,regret_loglog_slope_last_half,top3_hit,seconds_per_run,decision_p99_us\n");
        foreach (var s in report.Summaries)
            sb.Append(Inv, $"{s.Policy},{s.Environment},{report.EnvironmentLabel.Contains("SYNTHETIC")},{s.MaxDelay},{report.Options.Rounds},{s.SeedCount},{s.AverageQoe:0.00000},{s.AverageQoeStd:0.00000},")
              .Append(Inv, $"{s.RatioToOracle:0.0000},{s.RatioToOracleMin:0.0000},{s.Regret:0.0},{s.RegretStd:0.0},{s.RegretLogLogSlope:0.000},{s.Top3Hit:0.0000},{s.SecondsPerRun:0.00},{s.DecisionP99Microseconds:0.0}\n");
        return sb.ToString();
    }

    /// <summary>Share of rounds each model was chosen, per policy, with the Oracle's shares on the same devices.</summary>
    public static string SelectionsCsv(SimulationReport report)
    {
        var sb = new StringBuilder("model,oracle_share");
        foreach (var s in report.Summaries) sb.Append(',').Append(s.Policy).Append("_share");
        sb.Append('\n');
        for (int m = 0; m < report.ModelNames.Count; m++)
        {
            sb.Append(report.ModelNames[m]).Append(',').Append(report.Summaries[0].OracleSelectionShare[m].ToString("0.0000", Inv));
            foreach (var s in report.Summaries) sb.Append(',').Append(s.SelectionShare[m].ToString("0.0000", Inv));
            sb.Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>Seed-mean curves: round, then per policy time-average QoE, its std over seeds, and cumulative regret.</summary>
    public static string CurvesCsv(SimulationReport report)
    {
        var sb = new StringBuilder("round");
        foreach (var s in report.Summaries) sb.Append(Inv, $",{s.Policy}_avg_qoe,{s.Policy}_avg_qoe_std,{s.Policy}_regret");
        sb.Append('\n');
        var rounds = report.Summaries[0].CurveRounds;
        for (int i = 0; i < rounds.Length; i++)
        {
            sb.Append(rounds[i]);
            foreach (var s in report.Summaries) sb.Append(Inv, $",{s.AverageQoeCurve[i]:0.00000},{s.AverageQoeCurveStd[i]:0.00000},{s.RegretCurve[i]:0.00}");
            sb.Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>Last-epoch training loss of each retraining (seed mean), for the policies that train a network.</summary>
    public static string LossCsv(SimulationReport report)
    {
        var trained = report.Summaries.Where(s => s.TrainingLoss.Length > 0).ToArray();
        var sb = new StringBuilder("update");
        foreach (var s in trained) sb.Append(',').Append(s.Policy).Append("_loss");
        sb.Append('\n');
        int n = trained.Length == 0 ? 0 : trained.Max(s => s.TrainingLoss.Length);
        for (int i = 0; i < n; i++)
        {
            sb.Append(i + 1);
            foreach (var s in trained) sb.Append(',').Append(i < s.TrainingLoss.Length ? s.TrainingLoss[i].ToString("0.000000", Inv) : "");
            sb.Append('\n');
        }
        return sb.ToString();
    }

    public static string Table(SimulationReport report)
    {
        var o = report.Options;
        var sb = new StringBuilder();
        sb.Append(Inv, $"{report.EnvironmentLabel}: {report.EnvironmentDescription}\n");
        sb.Append(Inv, $"T = {o.Rounds}, delays U{{1..{o.MaxDelay}}}, missing {o.MissingRate:P0}, {o.Seeds} seeds ({o.FirstSeed}..{o.FirstSeed + o.Seeds - 1}), {report.Seconds:0.0} s\n\n");
        sb.Append("policy          avg QoE (std)       / oracle (min)     regret (std)        slope  top-3   s/run  p99 us\n");
        foreach (var s in report.Summaries)
            sb.Append(Inv, $"{s.Policy,-14}  {s.AverageQoe,7:0.0000} ({s.AverageQoeStd:0.0000})  {s.RatioToOracle,6:0.0000} ({s.RatioToOracleMin:0.0000})  {s.Regret,9:0.0} ({s.RegretStd,7:0.0})  {s.RegretLogLogSlope,5:0.00}  {s.Top3Hit,5:0.000}  {s.SecondsPerRun,6:0.00}  {s.DecisionP99Microseconds,6:0}\n");
        return sb.ToString();
    }
}

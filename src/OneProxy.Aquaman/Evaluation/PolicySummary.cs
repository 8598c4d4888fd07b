namespace OneProxy.Aquaman.Evaluation;

/// <summary>One policy's results over all seeds: means, spreads and the curves averaged over seeds.</summary>
public sealed record PolicySummary
{
    public required string Policy { get; init; }
    public required string Environment { get; init; }
    public required int MaxDelay { get; init; }
    public required int SeedCount { get; init; }
    public required double AverageQoe { get; init; }

    /// <summary>Standard deviation over seeds of the time-average QoE.</summary>
    public required double AverageQoeStd { get; init; }

    public required double Regret { get; init; }
    public required double RegretStd { get; init; }
    public required double Top3Hit { get; init; }

    /// <summary>Mean over seeds of (policy's time-average QoE) / (Oracle's time-average expected QoE on the same devices).</summary>
    public required double RatioToOracle { get; init; }
    public required double RatioToOracleMin { get; init; }

    /// <summary>Least-squares slope of log cumulative regret against log round over the last half (of the seed-mean curve); NaN when regret is 0.</summary>
    public required double RegretLogLogSlope { get; init; }

    public required double SecondsPerRun { get; init; }
    public required double DecisionP99Microseconds { get; init; }
    public required int[] CurveRounds { get; init; }
    public required double[] AverageQoeCurve { get; init; }
    public required double[] AverageQoeCurveStd { get; init; }
    public required double[] RegretCurve { get; init; }
    public required double[] Cdf { get; init; }
    public required double[] SelectionShare { get; init; }
    public required double[] OracleSelectionShare { get; init; }

    /// <summary>Training loss per retraining, averaged over seeds (shortest run's length).</summary>
    public required double[] TrainingLoss { get; init; }

    public static PolicySummary From(string env, int maxDelay, IReadOnlyList<RunResult> runs)
    {
        if (runs.Count == 0) throw new ArgumentException("no runs to summarise");
        double Mean(Func<RunResult, double> f) => runs.Average(f);
        double Std(Func<RunResult, double> f)
        {
            if (runs.Count < 2) return 0;
            double m = Mean(f);
            return Math.Sqrt(runs.Sum(r => (f(r) - m) * (f(r) - m)) / (runs.Count - 1));
        }
        int points = runs[0].CurveRounds.Length;
        double[] CurveMean(Func<RunResult, double[]> f) => Enumerable.Range(0, points).Select(i => runs.Average(r => f(r)[i])).ToArray();
        var avg = CurveMean(r => r.AverageQoeCurve);
        var avgStd = Enumerable.Range(0, points).Select(i =>
        {
            if (runs.Count < 2) return 0.0;
            double m = avg[i];
            return Math.Sqrt(runs.Sum(r => Math.Pow(r.AverageQoeCurve[i] - m, 2)) / (runs.Count - 1));
        }).ToArray();
        var regret = CurveMean(r => r.RegretCurve);
        var hist = new double[100];
        foreach (var r in runs) for (int b = 0; b < 100; b++) hist[b] += r.QoeHistogram[b];
        double total = hist.Sum(), acc = 0;
        var cdf = hist.Select(h => (acc += h) / total).ToArray();
        int arms = runs[0].Selections.Length;
        double all = runs.Sum(r => (double)r.Rounds);
        int losses = runs.Min(r => r.TrainingLosses.Count);
        return new PolicySummary
        {
            Policy = runs[0].Policy, Environment = env, MaxDelay = maxDelay, SeedCount = runs.Count,
            AverageQoe = Mean(r => r.AverageQoe), AverageQoeStd = Std(r => r.AverageQoe),
            Regret = Mean(r => r.Regret), RegretStd = Std(r => r.Regret), Top3Hit = Mean(r => r.Top3HitRatio),
            RatioToOracle = Mean(r => r.AverageQoe / r.OracleExpectedQoe), RatioToOracleMin = runs.Min(r => r.AverageQoe / r.OracleExpectedQoe),
            RegretLogLogSlope = LogLogSlope(runs[0].CurveRounds, regret),
            SecondsPerRun = Mean(r => r.Seconds), DecisionP99Microseconds = runs.Max(r => r.DecisionP99Microseconds),
            CurveRounds = runs[0].CurveRounds, AverageQoeCurve = avg, AverageQoeCurveStd = avgStd, RegretCurve = regret, Cdf = cdf,
            SelectionShare = Enumerable.Range(0, arms).Select(a => runs.Sum(r => r.Selections[a]) / all).ToArray(),
            OracleSelectionShare = Enumerable.Range(0, arms).Select(a => runs.Sum(r => r.OracleSelections[a]) / all).ToArray(),
            TrainingLoss = Enumerable.Range(0, losses).Select(i => runs.Average(r => r.TrainingLosses[i])).ToArray(),
        };
    }

    /// <summary>Slope of log R(t) on log t over the points with t in the last half of the run and R(t) > 0.</summary>
    public static double LogLogSlope(IReadOnlyList<int> rounds, IReadOnlyList<double> regret)
    {
        int last = rounds[^1];
        var pts = rounds.Select((t, i) => (t, r: regret[i])).Where(p => p.t >= last / 2.0 && p.r > 0).ToArray();
        if (pts.Length < 2) return double.NaN;
        double mx = pts.Average(p => Math.Log(p.t)), my = pts.Average(p => Math.Log(p.r));
        double sxy = pts.Sum(p => (Math.Log(p.t) - mx) * (Math.Log(p.r) - my)), sxx = pts.Sum(p => Math.Pow(Math.Log(p.t) - mx, 2));
        return sxx > 0 ? sxy / sxx : double.NaN;
    }
}

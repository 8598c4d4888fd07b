namespace OneProxy.Aquaman.Evaluation;

/// <summary>One logged decision: what was chosen, with which probability, and the QoE it earned (−1 when the feedback was lost).</summary>
public readonly record struct LoggedDecision(int Round, int Device, int Arm, double Propensity, double Qoe, bool FeedbackArrives);

/// <summary>The outcome of one policy on one seed.</summary>
public sealed record RunResult
{
    public required string Policy { get; init; }
    public required int Seed { get; init; }
    public required int Rounds { get; init; }

    /// <summary>Time-average of the QoE feedback earned over all rounds (lost feedback included: the user still had that QoE).</summary>
    public required double AverageQoe { get; init; }

    /// <summary>Time-average of the Oracle's expected QoE on the same device sequence.</summary>
    public required double OracleExpectedQoe { get; init; }

    /// <summary>Cumulative pseudo-regret Σ_t (h(x, a*_t) − h(x, a_t)) at the last round.</summary>
    public required double Regret { get; init; }

    public required double Top3HitRatio { get; init; }

    /// <summary>Rounds (1-based) where the curves were sampled.</summary>
    public required int[] CurveRounds { get; init; }
    public required double[] AverageQoeCurve { get; init; }
    public required double[] RegretCurve { get; init; }

    /// <summary>Per-round QoE histogram over [0, 1] in 100 bins (for the CDF).</summary>
    public required long[] QoeHistogram { get; init; }

    public required long[] Selections { get; init; }
    public required long[] OracleSelections { get; init; }
    public required IReadOnlyList<double> TrainingLosses { get; init; }

    /// <summary>Wall time of the whole run and each decision's time (for p50/p99).</summary>
    public required double Seconds { get; init; }
    public required double DecisionP50Microseconds { get; init; }
    public required double DecisionP99Microseconds { get; init; }
    public double DecisionMeanMicroseconds { get; init; }

    public IReadOnlyList<LoggedDecision>? Decisions { get; init; }
}

namespace OneProxy.Adaptation;

/// <summary>Options of <see cref="IncrementalAdaptation"/> (Algorithm 5's measure-adapt-check loop), validated once.</summary>
public sealed record IncrementalOptions
{
    /// <summary>Architectures measured per round.</summary>
    public int BatchSize { get; init; } = 5;

    /// <summary>
    /// Never stop before this many measurements: an SRCC cross-validated on 5 points can read
    /// 0.97 for a predictor whose true SRCC is 0.77 (eyeriss, seed 0, NAS-Bench-201).
    /// </summary>
    public int MinMeasurements { get; init; } = 10;

    /// <summary>Stop once the estimated SRCC reaches this.</summary>
    public double Threshold { get; init; } = 0.95;

    /// <summary>Never measure more than this many architectures on the target.</summary>
    public int Budget { get; init; } = 50;

    public IncrementalOptions Validate()
    {
        if (BatchSize < 1) throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "batch size must be at least 1");
        if (Budget < 3) throw new ArgumentOutOfRangeException(nameof(Budget), Budget, "budget must allow at least 3 measurements (cross-validation needs 3)");
        if (MinMeasurements < 3) throw new ArgumentOutOfRangeException(nameof(MinMeasurements), MinMeasurements, "need at least 3 measurements before the first check");
        if (MinMeasurements > Budget) throw new ArgumentOutOfRangeException(nameof(MinMeasurements), MinMeasurements, $"minimum measurements exceed the budget {Budget}");
        if (Threshold is <= -1 or > 1 || double.IsNaN(Threshold)) throw new ArgumentOutOfRangeException(nameof(Threshold), Threshold, "threshold must be in (-1, 1]");
        return this;
    }
}

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
        Require.InRange(BatchSize, 1, 100_000, "batch");
        Require.InRange(Budget, 3, 1_000_000, "budget");
        Require.AtLeast(MinMeasurements, 3, "min-measurements");
        Require.That(MinMeasurements <= Budget, "min-measurements", $"must not exceed the budget {Budget} (got {MinMeasurements})");
        Require.That(Threshold is > -1 and <= 1, "threshold", $"must be in (-1, 1] (got {Threshold})");
        return this;
    }
}

namespace OneProxy.Monotonicity;

/// <summary>SRCC estimated from <see cref="SampleSize"/> random architectures, over <see cref="Repetitions"/> draws.</summary>
public sealed record SrccEstimate(int SampleSize, int Repetitions, double Mean, double StdDev, double Min, double Max,
    double MeanAbsoluteError);

namespace OneProxy.Predictors;

/// <summary>Penalty and sign constraint of one regression coefficient.</summary>
public readonly record struct Coefficient(Penalty Penalty, bool NonNegative = false)
{
    public static readonly Coefficient Free = new(Penalty.None);
}

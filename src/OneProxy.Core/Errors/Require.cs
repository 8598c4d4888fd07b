using System.Numerics;

namespace OneProxy;

/// <summary>
/// Guard clauses for options records: each failure is an <see cref="InvalidOptionException"/>
/// naming the option and quoting the bad value, so validation reads as a list of rules.
/// </summary>
public static class Require
{
    public static T InRange<T>(T value, T min, T max, string option) where T : INumber<T>
    {
        if (T.IsNaN(value) || value < min || value > max)
            throw new InvalidOptionException(option, $"must be between {min} and {max} (got {value})");
        return value;
    }

    public static T AtLeast<T>(T value, T min, string option) where T : INumber<T>
    {
        if (T.IsNaN(value) || value < min) throw new InvalidOptionException(option, $"must be at least {min} (got {value})");
        return value;
    }

    public static double Positive(double value, string option)
    {
        if (!double.IsFinite(value) || value <= 0) throw new InvalidOptionException(option, $"must be a positive finite number (got {value})");
        return value;
    }

    public static void That(bool condition, string option, string problem)
    {
        if (!condition) throw new InvalidOptionException(option, problem);
    }
}

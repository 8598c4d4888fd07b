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

    /// <summary>A duration given in seconds: positive, finite and at most a week (TimeSpan overflows near 1e13 s).</summary>
    public static TimeSpan Seconds(double seconds, string option, double maxSeconds = 7 * 24 * 3600)
    {
        if (!double.IsFinite(seconds) || seconds <= 0 || seconds > maxSeconds)
            throw new InvalidOptionException(option, $"must be between 0 and {maxSeconds} seconds (got {seconds})");
        return TimeSpan.FromSeconds(seconds);
    }

    public static void That(bool condition, string option, string problem)
    {
        if (!condition) throw new InvalidOptionException(option, problem);
    }
}

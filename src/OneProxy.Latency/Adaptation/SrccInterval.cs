namespace OneProxy.Adaptation;

/// <summary>
/// Approximate 95 % interval for an SRCC estimated from n pairs: Fisher's z with the
/// Bonett-Wright (2000) variance for Spearman's rho, (1 + r^2/2) / (n - 3). With n &lt;= 3 nothing
/// can be said and the interval is [-1, 1]. It describes the uncertainty of the sample estimate,
/// not the bias of choosing among methods (that is shrunk separately, <see cref="AutoSelection"/>).
/// </summary>
public static class SrccInterval
{
    public const double Z95 = 1.959963984540054;

    public static (double Low, double High) Of(double srcc, int n)
    {
        if (n <= 3 || double.IsNaN(srcc)) return (-1, 1);
        double r = Math.Clamp(srcc, -0.9999, 0.9999);
        double z = Math.Atanh(r), se = Math.Sqrt((1 + r * r / 2) / (n - 3));
        // r is clamped off +-1 for atanh; the interval still contains the estimate itself.
        return (Math.Min(srcc, Math.Tanh(z - Z95 * se)), Math.Max(srcc, Math.Tanh(z + Z95 * se)));
    }
}

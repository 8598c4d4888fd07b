namespace OneProxy.Data;

/// <summary>
/// Parses the plain decimals that latency tables are made of (<c>12.345</c>, <c>0.5</c>, <c>17</c>)
/// from UTF-8 without the general number parser: at most 15 significant digits and no exponent,
/// so the digits form an integer below 2^53 and the scale a power of ten up to 10^22, both exact
/// doubles, and one IEEE division gives the correctly rounded value, the same bits
/// <see cref="double.Parse(string, IFormatProvider)"/> returns (Clinger's fast path). Anything else
/// (signs, exponents, more digits, NaN) returns false and goes to the general parser.
/// </summary>
public static class FastDecimal
{
    private static readonly double[] PowersOfTen =
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];

    public static bool TryParse(ReadOnlySpan<byte> s, out double value)
    {
        value = 0;
        if (s.IsEmpty || s.Length > 40) return false;
        ulong mantissa = 0;
        int digits = 0, fraction = 0, i = 0;
        bool any = false;
        for (; i < s.Length && (uint)(s[i] - '0') <= 9; i++)
        {
            any = true;
            if (mantissa == 0 && s[i] == '0') continue; // leading zeros are not significant
            mantissa = mantissa * 10 + (uint)(s[i] - '0');
            if (++digits > 15) return false;
        }
        if (i < s.Length)
        {
            if (s[i] != '.') return false;
            for (i++; i < s.Length; i++)
            {
                uint d = (uint)(s[i] - '0');
                if (d > 9) return false;
                any = true;
                fraction++;
                if (mantissa == 0 && d == 0) continue;
                mantissa = mantissa * 10 + d;
                if (++digits > 15) return false;
            }
        }
        if (!any || fraction >= PowersOfTen.Length) return false;
        value = fraction == 0 ? mantissa : mantissa / PowersOfTen[fraction];
        return true;
    }
}

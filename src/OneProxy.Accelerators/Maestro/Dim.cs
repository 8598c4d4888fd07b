namespace OneProxy.Accelerators.Maestro;

/// <summary>
/// Loop dimensions of MAESTRO's convolution model as small integers. Y/X are input rows/columns
/// (the model is input-centric); OY/OX are output rows/columns. Overlap pairs: Y slides over R,
/// X slides over S (Y, X are the "reference" dimensions, R, S the "sliding" ones).
/// </summary>
internal static class Dim
{
    public const int K = 0, C = 1, R = 2, S = 3, Y = 4, X = 5, OY = 6, OX = 7;
    public const int Count = 8;

    public static bool IsOverlapped(int d) => d is Y or X or R or S;
    public static bool IsSliding(int d) => d is R or S;
    public static bool IsReference(int d) => d is Y or X;

    /// <summary>The other dimension of an overlap pair (Y&lt;-&gt;R, X&lt;-&gt;S).</summary>
    public static int Counterpart(int d) => d switch { Y => R, R => Y, X => S, S => X, _ => -1 };

    /// <summary>Output dimension of a reference dimension (Y-&gt;OY, X-&gt;OX), else itself.</summary>
    public static int OutputOf(int d) => d switch { Y => OY, X => OX, _ => d };

    public static string Name(int d) => d switch
    {
        K => "K", C => "C", R => "R", S => "S", Y => "Y", X => "X", OY => "Y'", OX => "X'", _ => "?",
    };

    /// <summary>Parses a dimension name of a MAESTRO file (<c>K C R S Y X Y' X'</c>); -1 if unknown.</summary>
    public static int Parse(string name) => name switch
    {
        "K" => K, "C" => C, "R" => R, "S" => S, "Y" => Y, "X" => X, "Y'" => OY, "X'" => OX, _ => -1,
    };
}

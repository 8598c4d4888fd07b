namespace OneProxy.Accelerators;

/// <summary>
/// The three dataflows of the thesis's co-design study (ch.4), each one MAESTRO mapping template.
/// Depth-wise layers use MAESTRO's C-parallel <c>dpt</c> template whatever the dataflow, as
/// MAESTRO's own model-to-mapping frontend does.
/// </summary>
public enum Dataflow
{
    /// <summary>KC-P, NVDLA-like: K across clusters of 64 PEs, C across the PEs of a cluster (<c>kcp_ws</c>).</summary>
    KcP,
    /// <summary>YR-P, Eyeriss-like row stationary: output rows across clusters of R PEs, filter rows inside (<c>rs</c>).</summary>
    YrP,
    /// <summary>X-P, weight stationary with output columns across PEs (<c>xp_ws</c>).</summary>
    XP,
}

/// <summary>Names of <see cref="Dataflow"/> values as the thesis and MAESTRO spell them.</summary>
public static class DataflowNames
{
    public static string Thesis(Dataflow d) => d switch
    {
        Dataflow.KcP => "KC-P",
        Dataflow.YrP => "YR-P",
        Dataflow.XP => "X-P",
        _ => throw new ArgumentOutOfRangeException(nameof(d), d, null),
    };

    public static string Maestro(Dataflow d) => d switch
    {
        Dataflow.KcP => "kcp_ws",
        Dataflow.YrP => "rs",
        Dataflow.XP => "xp_ws",
        _ => throw new ArgumentOutOfRangeException(nameof(d), d, null),
    };

    /// <summary>Parses <c>KC-P</c>/<c>kcp</c>/<c>kcp_ws</c>, <c>YR-P</c>/<c>rs</c>, <c>X-P</c>/<c>xp</c>/<c>xp_ws</c> (case-insensitive).</summary>
    public static bool TryParse(string text, out Dataflow dataflow)
    {
        switch (text.Trim().ToLowerInvariant())
        {
            case "kc-p": case "kcp": case "kcp_ws": dataflow = Dataflow.KcP; return true;
            case "yr-p": case "yrp": case "rs": dataflow = Dataflow.YrP; return true;
            case "x-p": case "xp": case "xp_ws": dataflow = Dataflow.XP; return true;
            default: dataflow = default; return false;
        }
    }

    public static Dataflow Parse(string text) => TryParse(text, out var d)
        ? d
        : throw new InvalidOptionException("dataflow", $"unknown dataflow '{text}' (expected KC-P, YR-P or X-P)");
}

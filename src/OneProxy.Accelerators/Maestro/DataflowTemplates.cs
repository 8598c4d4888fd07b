namespace OneProxy.Accelerators.Maestro;

/// <summary>
/// The mapping templates MAESTRO ships for the thesis's dataflows (tools/frontend/dataflow/*.m of
/// maestro-project/maestro, also in $ONEPROXY_DATA/accelerators/dataflows), as directive lists.
/// </summary>
internal static class DataflowTemplates
{
    private static Directive SzT(int sizeOf, int ofs, int var) => new() { Kind = MapKind.Temporal, Size = 0, Ofs = ofs, Var = var, SizeOf = sizeOf, OfsOf = -1 };
    private static Directive SzTT(int dim) => new() { Kind = MapKind.Temporal, Var = dim, SizeOf = dim, OfsOf = dim };
    private static Directive SzS(int sizeOf, int ofs, int var) => new() { Kind = MapKind.Spatial, Var = var, Ofs = ofs, SizeOf = sizeOf, OfsOf = -1 };

    /// <summary>kcp_ws: NVDLA-like.</summary>
    public static readonly Directive[] KcpWs =
    [
        Directive.Spatial(1, 1, Dim.K), Directive.Temporal(64, 64, Dim.C), SzTT(Dim.R), SzTT(Dim.S),
        SzT(Dim.R, 1, Dim.Y), SzT(Dim.S, 1, Dim.X),
        Directive.Cluster(64),
        Directive.Spatial(1, 1, Dim.C), SzT(Dim.R, 1, Dim.Y), SzT(Dim.S, 1, Dim.X), SzTT(Dim.R), SzTT(Dim.S),
    ];

    /// <summary>rs: Eyeriss-like row stationary; the cluster size is Sz(R).</summary>
    public static readonly Directive[] Rs =
    [
        Directive.Spatial(1, 1, Dim.OY), Directive.Temporal(1, 1, Dim.OX), Directive.Temporal(1, 1, Dim.C),
        Directive.Temporal(16, 16, Dim.K), SzTT(Dim.R), SzTT(Dim.S),
        new Directive { Kind = MapKind.Cluster, Ofs = 1, Var = -1, SizeOf = Dim.R, OfsOf = -1 },
        Directive.Spatial(1, 1, Dim.Y), Directive.Spatial(1, 1, Dim.R), SzTT(Dim.S),
    ];

    /// <summary>xp_ws: weight stationary, output columns across PEs.</summary>
    public static readonly Directive[] XpWs =
    [
        Directive.Temporal(1, 1, Dim.K), Directive.Temporal(1, 1, Dim.C), SzT(Dim.R, 1, Dim.Y),
        SzS(Dim.S, 1, Dim.X), SzTT(Dim.R), SzTT(Dim.S),
    ];

    /// <summary>dpt: the C-parallel template used for every depth-wise layer.</summary>
    public static readonly Directive[] Dpt =
    [
        Directive.Spatial(1, 1, Dim.C), SzT(Dim.R, 1, Dim.Y), SzT(Dim.S, 1, Dim.X), SzTT(Dim.R), SzTT(Dim.S),
    ];

    public static Directive[] For(Dataflow dataflow, LayerKind kind) => kind == LayerKind.DepthwiseConv
        ? Dpt
        : dataflow switch
        {
            Dataflow.KcP => KcpWs,
            Dataflow.YrP => Rs,
            Dataflow.XP => XpWs,
            _ => throw new ArgumentOutOfRangeException(nameof(dataflow), dataflow, null),
        };
}

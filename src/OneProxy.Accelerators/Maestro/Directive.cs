namespace OneProxy.Accelerators.Maestro;

internal enum MapKind : byte { Temporal, Spatial, Cluster }

/// <summary>
/// One mapping directive: <c>TemporalMap(size, ofs) var</c>, <c>SpatialMap(size, ofs) var</c> or
/// <c>Cluster(size, P)</c>. Sizes written <c>Sz(D)</c> in a template keep the dimension in
/// <see cref="SizeOf"/>/<see cref="OfsOf"/> (-1 = literal) and are resolved per layer.
/// </summary>
internal struct Directive
{
    public MapKind Kind;
    public int Size;
    public int Ofs;
    public int Var;
    public int SizeOf;
    public int OfsOf;

    public static Directive Temporal(int size, int ofs, int var) => new() { Kind = MapKind.Temporal, Size = size, Ofs = ofs, Var = var, SizeOf = -1, OfsOf = -1 };
    public static Directive Spatial(int size, int ofs, int var) => new() { Kind = MapKind.Spatial, Size = size, Ofs = ofs, Var = var, SizeOf = -1, OfsOf = -1 };
    public static Directive Cluster(int size) => new() { Kind = MapKind.Cluster, Size = size, Ofs = 1, Var = -1, SizeOf = -1, OfsOf = -1 };

    /// <summary>The directive with <c>Sz(D)</c> sizes replaced by the layer's dimension sizes.</summary>
    public readonly Directive Resolve(ReadOnlySpan<int> layerDims)
    {
        var d = this;
        if (SizeOf >= 0) d.Size = layerDims[SizeOf];
        if (OfsOf >= 0) d.Ofs = layerDims[OfsOf];
        d.SizeOf = -1;
        d.OfsOf = -1;
        return d;
    }

    public override readonly string ToString() => Kind == MapKind.Cluster
        ? $"Cluster({Size}, P)"
        : $"{Kind}Map({Size},{Ofs}) {Dim.Name(Var)}";
}

namespace OneProxy.Accelerators.Maestro;

/// <summary>
/// One cluster level: its directives, the tile of dimensions it works on and how many
/// sub-clusters it drives, with MAESTRO's spatial-edge analysis (how many sub-clusters are
/// active in the last, partial spatial iteration).
/// </summary>
internal sealed class ClusterUnit
{
    public int Level { get; }
    public int Size { get; }
    public Directive[] Dataflow { get; }
    public DimTable Dims { get; }
    public int NumSpatialEdgeClusters { get; private set; } = 1;
    public int UpperSpatialIndex { get; private set; } = -1;

    private readonly int[] _dirOf = [-1, -1, -1, -1, -1, -1, -1, -1];

    public ClusterUnit(int level, int size, Directive[] dataflow, DimTable dims)
    {
        Level = level;
        Size = size;
        Dataflow = dataflow;
        Dims = dims;
        for (int i = dataflow.Length - 1; i >= 0; i--) _dirOf[dataflow[i].Var] = i;
        for (int i = 0; i < dataflow.Length; i++)
            if (dataflow[i].Kind == MapKind.Spatial) { UpperSpatialIndex = i; break; }
        if (UpperSpatialIndex < 0) throw new MappingRejectedException($"cluster level {level} has no SpatialMap (MAESTRO: NoSpatialMap)");
        AnalyzeSpatialEdgeCase();
    }

    /// <summary>Index of the first directive on dimension <paramref name="d"/>, or -1.</summary>
    public int DirectiveOf(int d) => _dirOf[d];

    public long NumClusters(bool spatialEdge) => spatialEdge ? NumSpatialEdgeClusters : Size;

    private void AnalyzeSpatialEdgeCase()
    {
        var sp = Dataflow[UpperSpatialIndex];
        int spSize = Dims.Get(sp.Var);
        int mapSize = sp.Size, mapOfs = sp.Ofs;
        int fullCoverage = mapOfs * (Size - 1) + mapSize;
        int edgeClusters;
        if (spSize > fullCoverage)
        {
            int steady = ((spSize - mapSize) / mapOfs + 1) / Size - 1;
            int remaining = spSize - (steady + 1) * mapOfs * Size;
            edgeClusters = remaining < mapSize ? 1 : (remaining - mapSize) / mapOfs + 1;
        }
        else if (spSize > mapSize)
        {
            edgeClusters = (spSize - mapSize) / mapOfs + 1;
            if (mapOfs * (edgeClusters - 1) + mapSize < spSize) edgeClusters++;
        }
        else edgeClusters = 1;
        if (spSize <= mapSize) edgeClusters = 1;
        NumSpatialEdgeClusters = edgeClusters;
    }
}

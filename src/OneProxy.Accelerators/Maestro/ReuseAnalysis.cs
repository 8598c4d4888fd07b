namespace OneProxy.Accelerators.Maestro;

/// <summary>
/// MAESTRO's reuse analysis of one cluster level: per dimension the mapped chunk, the part new
/// in each step (unique) and both at the edge step; from these, per iteration case, the data a
/// PE (first, other, or partial last one) must receive (ingress), the outputs it sends (egress)
/// and the partial sums on its critical path. Reimplemented from the published model; the
/// branch structure follows MAESTRO closely, including its asymmetries, because the golden tests
/// compare against its numbers.
/// </summary>
internal sealed class ReuseAnalysis
{
    private readonly ClusterUnit _c;
    private readonly long[] _mapped = new long[Dim.Count];
    private readonly long[] _unique = new long[Dim.Count];
    private readonly long[] _mappedEdge = new long[Dim.Count];
    private readonly long[] _uniqueEdge = new long[Dim.Count];

    public ReuseAnalysis(ClusterUnit cluster)
    {
        _c = cluster;
        foreach (var d in cluster.Dataflow)
        {
            int v = d.Var, map = d.Size, ofs = d.Ofs, dim = cluster.Dims.Get(v);
            int steady = Math.Max(0, (dim - map) / ofs);
            bool hasEdge = steady * ofs + map < dim || map > dim;
            _mapped[v] = map;
            _unique[v] = Math.Min(map, ofs);
            if (d.Kind == MapKind.Temporal && dim <= map) _unique[v] = 0;
            int edgeMap = dim - (steady + 1) * ofs;
            if (edgeMap < 0) edgeMap = dim;
            int oob = map - edgeMap;
            _mappedEdge[v] = hasEdge ? edgeMap : map;
            _uniqueEdge[v] = Math.Max(ofs - oob, 0);
        }
        foreach (var d in cluster.Dataflow)
        {
            if (!Dim.IsReference(d.Var)) continue;
            int sl = Dim.Counterpart(d.Var), o = Dim.OutputOf(d.Var);
            _mapped[o] = _mapped[d.Var] - _mapped[sl] + 1;
            _unique[o] = Math.Min(d.Ofs, d.Size);
            _mappedEdge[o] = _mappedEdge[d.Var] - _mappedEdge[sl] + 1;
            _uniqueEdge[o] = Math.Min(d.Ofs, _mappedEdge[o]);
        }
    }

    private IterState State(IterState[] c, int v) => c[_c.DirectiveOf(v)];

    public long MappedVolume(Tensor t)
    {
        long r = 1;
        foreach (var v in t.Coupled) if (_c.DirectiveOf(v) >= 0) r *= _mapped[v];
        return r;
    }

    private long PeMappedVolume(Tensor t, IterState[] c, bool first, bool spEe)
    {
        long r = 1;
        var df = _c.Dataflow;
        for (int i = 0; i < df.Length; i++)
        {
            int v = df[i].Var;
            if (!t.IsCoupled(v)) continue;
            var st = c[i];
            if (df[i].Kind == MapKind.Temporal) r *= st.IsEdge ? _mappedEdge[v] : _mapped[v];
            else if (st.IsEdge)
            {
                long act = _c.NumClusters(true);
                if (act == 1 && (first || spEe)) r *= _mappedEdge[v];
                else if (act > 1) r *= spEe ? _mappedEdge[v] : _mapped[v];
            }
            else r *= _mapped[v];
        }
        return r;
    }

    private static int InnermostChanging(IterState[] c)
    {
        int idx = -1;
        for (int i = 0; i < c.Length; i++) if (c[i].Pos != IterPos.Init) idx = i;
        return idx;
    }

    private bool TensorInited(Tensor t, IterState[] c, int changing)
    {
        var df = _c.Dataflow;
        for (int i = changing + 1; i < df.Length; i++)
            if (c[i].Pos == IterPos.Init && t.IsCoupled(df[i].Var) && !c[i].Unrolled) return true;
        return false;
    }

    private long PeIngressVolume(Tensor t, IterState[] c, bool first, bool spEe)
    {
        int changing = InnermostChanging(c);
        if (changing == -1) return PeMappedVolume(t, c, first, spEe);
        bool inited = TensorInited(t, c, changing);
        bool tensorChanging = false;
        long r = 1;
        var df = _c.Dataflow;
        for (int i = 0; i < df.Length; i++)
        {
            int v = df[i].Var;
            if (!t.IsCoupled(v)) continue;
            var st = c[i];
            bool isChanging = i == changing, isReset = i > changing;
            if (isChanging) tensorChanging = true;
            if (df[i].Kind == MapKind.Temporal)
            {
                if (st.Pos == IterPos.Init) r *= st.IsEdge ? _mappedEdge[v] : _mapped[v];
                else r *= isChanging && !inited ? Math.Max(_unique[v], 1) : _mapped[v];
            }
            else if (st.Pos == IterPos.Init)
            {
                if (first || !isReset) r *= spEe ? _mappedEdge[v] : _mapped[v];
                else r *= spEe ? _uniqueEdge[v] : _unique[v];
            }
            else
            {
                if (first) r *= spEe ? _mappedEdge[v] : _mapped[v];
                else if (!inited && isChanging) r *= spEe ? _uniqueEdge[v] : _unique[v];
                else r *= spEe ? _mappedEdge[v] : _mapped[v];
            }
        }
        return tensorChanging ? r : 0;
    }

    /// <summary>Finds whether the tensor is spatially mapped, whether that map is at its edge, and its state.</summary>
    private (bool mapped, bool edge, IterState state) SpatialInfo(Tensor t, IterState[] c)
    {
        bool mapped = false, edge = false;
        IterState s = default;
        foreach (var v in t.Coupled)
        {
            int i = _c.DirectiveOf(v);
            if (_c.Dataflow[i].Kind != MapKind.Spatial) continue;
            mapped = true;
            s = c[i];
            if (s.IsEdge) edge = true;
        }
        return (mapped, edge, s);
    }

    public long SpatialIngressTraffic(Tensor t, IterState[] c)
    {
        var (spMapped, spEdge, st) = SpatialInfo(t, c);
        if (!spMapped) return PeIngressVolume(t, c, true, false);
        long n = _c.NumClusters(false), ne = _c.NumClusters(true);
        if (!spEdge) return PeIngressVolume(t, c, true, false) + (n - 1) * PeIngressVolume(t, c, false, false);
        bool ee = st.SpEdgeEdge;
        long r = ne == 1 && ee ? PeIngressVolume(t, c, true, true) : PeIngressVolume(t, c, true, false);
        if (ne > 1)
        {
            long nEe = ee ? 1 : 0, full = Math.Max(ne - nEe - 1, 0);
            r += full * PeIngressVolume(t, c, false, false);
            r += nEe * PeIngressVolume(t, c, false, true);
        }
        return r;
    }

    private static long Nz(long unique) => unique != 0 ? unique : 1;

    /// <summary>Factor of a spatially mapped dimension in a PE's egress volume (v: directive dimension, a: the
    /// dimension whose sizes are read; MAESTRO reads <paramref name="edgeDim"/> in the single-active-cluster edge branch).</summary>
    private long SpatialEgressFactor(int a, int edgeDim, IterState st, bool first, bool spEe, bool reuseAtEdge)
    {
        long act;
        switch (st.Pos)
        {
            case IterPos.Init:
                if (st.IsEdge && spEe)
                {
                    act = _c.NumClusters(true);
                    if (act == 1) return _mappedEdge[a];
                    if (act > 1) return reuseAtEdge ? _uniqueEdge[a] : _mappedEdge[a];
                    return 1;
                }
                return first ? _mapped[a] : Nz(_unique[a]);
            case IterPos.Steady:
                return first ? _mapped[a] : Nz(_unique[a]);
            default:
                act = _c.NumClusters(true);
                if (act == 1 && (first || spEe)) return _mappedEdge[edgeDim];
                if (act > 1) return spEe ? _uniqueEdge[a] : first ? _mapped[a] : Nz(_unique[a]);
                return 1;
        }
    }

    private long PeEgressVolume(Tensor t, IterState[] c, bool psums, bool first, bool spEe, bool reuseAtEdge = true)
    {
        long r = 1;
        var df = _c.Dataflow;
        if (psums)
        {
            for (int i = 0; i < df.Length; i++)
            {
                int v = df[i].Var;
                if (t.IsCoupled(v)) continue;
                var st = c[i];
                if (df[i].Kind == MapKind.Temporal) r *= st.IsEdge ? _mappedEdge[v] : _mapped[v];
                else if (st.Pos == IterPos.Init && st.IsEdge && spEe) r *= _c.NumClusters(true) >= 1 ? _mappedEdge[v] : 1;
                else r *= SpatialEgressFactor(v, v, st, first, spEe, true);
            }
        }
        foreach (var v in t.Coupled)
        {
            int i = _c.DirectiveOf(v);
            var st = c[i];
            int a = Dim.OutputOf(v);
            if (df[i].Kind == MapKind.Temporal)
                r *= st.Pos switch
                {
                    IterPos.Init => st.IsEdge ? _mappedEdge[a] : _mapped[a],
                    IterPos.Steady => _mapped[a],
                    _ => _mappedEdge[a],
                };
            else r *= SpatialEgressFactor(a, v, st, first, spEe, reuseAtEdge);
        }
        return r;
    }

    public long SpatialEgressTraffic(Tensor t, IterState[] c)
    {
        var (spMapped, spEdge, st) = SpatialInfo(t, c);
        if (!spMapped) return PeEgressVolume(t, c, false, true, false);
        long n = _c.NumClusters(false), ne = _c.NumClusters(true);
        if (!spEdge) return PeEgressVolume(t, c, false, true, false) + (n - 1) * PeEgressVolume(t, c, false, false, false);
        bool ee = st.SpEdgeEdge;
        long r = ne == 1 && ee ? PeEgressVolume(t, c, false, true, true) : PeEgressVolume(t, c, false, true, false);
        if (ne > 1)
        {
            long nEe = ee ? 1 : 0, full = Math.Max(ne - nEe - 1, 0);
            r += full * PeEgressVolume(t, c, false, false, false);
            r += nEe * PeEgressVolume(t, c, false, false, true);
        }
        return r;
    }

    public long CriticalPathPartialSums(Tensor t, IterState[] c)
    {
        var (spMapped, spEdge, st) = SpatialInfo(t, c);
        if (!spMapped) return PeEgressVolume(t, c, true, true, false);
        if (!spEdge) return PeEgressVolume(t, c, true, true, false);
        long ne = _c.NumClusters(true);
        return ne == 1 && st.SpEdgeEdge ? PeEgressVolume(t, c, true, true, true) : PeEgressVolume(t, c, true, true, false);
    }

    public long OutputSpatialMappingSize(Tensor t, IterState[] c, bool forPartialSum)
    {
        var (spMapped, spEdge, st) = SpatialInfo(t, c);
        if (forPartialSum)
        {
            var df = _c.Dataflow;
            for (int i = 0; i < df.Length; i++)
            {
                if (df[i].Kind != MapKind.Spatial) continue;
                spMapped = true;
                st = c[i];
                if (c[i].IsEdge) spEdge = true;
            }
        }
        long n = _c.NumClusters(false);
        if (!spMapped) return n * PeEgressVolume(t, c, forPartialSum, true, false);
        if (!spEdge) return n * PeEgressVolume(t, c, forPartialSum, true, false);
        long ne = _c.NumClusters(true);
        bool ee = st.SpEdgeEdge;
        long r = ne == 1 && ee ? PeEgressVolume(t, c, forPartialSum, true, true) : PeEgressVolume(t, c, forPartialSum, true, false);
        if (ne > 1)
        {
            long nEe = ee ? 1 : 0, full = Math.Max(ne - nEe - 1, 0);
            r += full * PeEgressVolume(t, c, forPartialSum, true, false);
            r += nEe * PeEgressVolume(t, c, forPartialSum, false, true, false);
        }
        return r;
    }

    /// <summary>The tile each sub-cluster works on in this case (MAESTRO's ConstructSubClusterDimension).</summary>
    public DimTable SubClusterDims(IterState[] c, bool spEdgeEdge)
    {
        var r = new DimTable();
        var df = _c.Dataflow;
        long ne = _c.NumClusters(true);
        for (int i = 0; i < df.Length; i++)
        {
            int v = df[i].Var;
            var st = c[i];
            long sz;
            if (df[i].Kind == MapKind.Temporal) sz = st.IsEdge ? _mappedEdge[v] : _mapped[v];
            else sz = st.Pos switch
            {
                IterPos.Init => st.IsEdge && (ne == 1 || spEdgeEdge) ? _mappedEdge[v] : _mapped[v],
                IterPos.Steady => _mapped[v],
                _ => ne == 1 || spEdgeEdge ? _mappedEdge[v] : _mapped[v],
            };
            if (!r.Has[v]) r.Set(v, (int)sz, _c.Dims.Stride[v]);
        }
        foreach (var d in df)
        {
            if (d.Var == Dim.Y) r.Set(Dim.OY, r.Get(Dim.Y) - r.Get(Dim.R) + 1, 1);
            else if (d.Var == Dim.X) r.Set(Dim.OX, r.Get(Dim.X) - r.Get(Dim.S) + 1, 1);
        }
        return r;
    }
}

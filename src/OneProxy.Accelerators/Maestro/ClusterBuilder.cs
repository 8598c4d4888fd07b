namespace OneProxy.Accelerators.Maestro;

/// <summary>
/// Splits a layer's mapping at its <c>Cluster</c> directives into cluster levels, as MAESTRO's
/// cluster analysis does: output-row/column directives become input-centric, directives missing
/// at a lower level are inherited from the level above (as temporal maps) or fully unrolled,
/// strided reference dimensions get adjusted map sizes/offsets, and each lower level's tile is
/// the level above's mapped chunk. Index 0 of the result is the top level.
/// </summary>
internal static class ClusterBuilder
{
    public static ClusterUnit[] Build(Directive[] template, in Layer layer, int numPes)
    {
        Span<int> layerDims = stackalloc int[Dim.Count];
        layerDims[Dim.K] = layer.K; layerDims[Dim.C] = layer.C; layerDims[Dim.R] = layer.R; layerDims[Dim.S] = layer.S;
        layerDims[Dim.Y] = layer.Y; layerDims[Dim.X] = layer.X;
        layerDims[Dim.OY] = layer.Y - layer.R + 1; layerDims[Dim.OX] = layer.X - layer.S + 1;

        var full = new List<Directive>(template.Length + 1);
        foreach (var d in template) full.Add(d.Resolve(layerDims));

        var tensors = Tensor.For(layer.Kind);
        var dims = new DimTable();
        dims.Set(Dim.K, layer.K, 1); dims.Set(Dim.C, layer.C, 1); dims.Set(Dim.R, layer.R, 1); dims.Set(Dim.S, layer.S, 1);
        dims.Set(Dim.Y, layer.Y, layer.StrideY); dims.Set(Dim.X, layer.X, layer.StrideX);
        dims.Set(Dim.OY, layer.Y - layer.R + 1, layer.StrideY); dims.Set(Dim.OX, layer.X - layer.S + 1, layer.StrideX);
        var fullDims = dims;

        int levels = 0, upper = 1, last = numPes;
        foreach (var d in full)
            if (d.Kind == MapKind.Cluster) { levels++; upper *= d.Size; last = d.Size; }
        if (upper <= 0) throw new MappingRejectedException("Cluster size must be positive");
        full.Add(Directive.Cluster(last));

        int numUnit = upper * (numPes / upper);
        if (numUnit == 0)
            throw new MappingRejectedException(
                $"the mapping's clusters need {upper} PEs but the accelerator has {numPes} (MAESTRO stops with a floating-point exception)");

        var inputVars = Tensor.InputVars(tensors);
        int level = levels, lastSize = numUnit;
        var clusters = new List<ClusterUnit>();
        var df = new List<Directive>();
        List<Directive>? prev = null;
        foreach (var d in full)
        {
            if (d.Kind != MapKind.Cluster) { df.Add(d); continue; }
            ConvertToInputCentric(df);
            if (prev != null)
                foreach (var up in prev)
                    if (df.FindIndex(x => x.Var == up.Var) < 0) df.Insert(0, Directive.Temporal(up.Size, up.Ofs, up.Var));
            foreach (var v in inputVars)
                if (df.FindIndex(x => x.Var == v) < 0 && dims.Has[v]) df.Add(Directive.Temporal(dims.Size[v], dims.Size[v], v));
            bool isTop = level == levels;
            ApplyOuterStride(isTop, df, dims, fullDims);
            int size = isTop ? numUnit / upper : lastSize;
            var arr = df.ToArray();
            clusters.Add(new ClusterUnit(level, size, arr, dims));
            lastSize = d.Size;

            var lower = new DimTable();
            foreach (var v in inputVars)
            {
                int idx = df.FindIndex(x => x.Var == v);
                if (idx < 0) throw new MappingRejectedException($"no directive for {Dim.Name(v)} at cluster level {level}");
                lower.Set(v, Math.Min(df[idx].Size, dims.Get(v)), dims.Stride[v]);
            }
            dims = lower;
            prev = df;
            df = new List<Directive>();
            level--;
        }
        return clusters.ToArray();
    }

    private static void ConvertToInputCentric(List<Directive> df)
    {
        int r = 0, s = 0;
        bool hasY = false, hasX = false;
        foreach (var d in df)
        {
            if (d.Var == Dim.R) r = d.Size;
            else if (d.Var == Dim.S) s = d.Size;
            else if (d.Var == Dim.Y) hasY = true;
            else if (d.Var == Dim.X) hasX = true;
        }
        for (int i = 0; i < df.Count; i++)
        {
            var d = df[i];
            if (d.Var == Dim.OX && !hasX) { d.Var = Dim.X; d.Size = d.Size + s - 1; df[i] = d; }
            else if (d.Var == Dim.OY && !hasY) { d.Var = Dim.Y; d.Size = d.Size + r - 1; df[i] = d; }
        }
    }

    private static void ApplyOuterStride(bool isTop, List<Directive> df, DimTable dims, DimTable fullDims)
    {
        for (int i = 0; i < df.Count; i++)
        {
            var d = df[i];
            int v = d.Var;
            if (!Dim.IsReference(v) || !dims.Has[v]) continue;
            int stride = dims.Stride[v];
            if (stride == 1) continue;
            int slidingSize = fullDims.Get(Dim.Counterpart(v));
            if (d.Size < slidingSize) continue;
            int outMap = (d.Size + stride - slidingSize) / stride;
            int adjMap = outMap * Math.Min(stride, slidingSize) + Math.Max(slidingSize - stride, 0);
            int adjOfs = outMap * stride;
            if (!isTop && slidingSize < stride) adjOfs = outMap * slidingSize;
            d.Size = adjMap;
            d.Ofs = adjOfs;
            df[i] = d;
        }
    }
}

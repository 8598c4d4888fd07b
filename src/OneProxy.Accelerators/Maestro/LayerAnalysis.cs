namespace OneProxy.Accelerators.Maestro;

/// <summary>
/// Analyses one layer under one mapping template and PE count into <see cref="LevelPlan"/>s
/// (top level first), following MAESTRO's cost-analysis engine: per iteration case, egress and
/// partial sums of the output tensor, ingress of inputs and weights, recursive analysis of the
/// sub-cluster tile, buffer access counts.
/// </summary>
internal sealed class LayerAnalysis
{
    private readonly ClusterUnit[] _clusters;
    private readonly ReuseAnalysis[] _reuse;
    private readonly Tensor[] _tensors;
    private readonly Dictionary<long, LevelPlan>[] _memo;

    public LevelPlan Top { get; }
    public int Levels => _clusters.Length;

    public LayerAnalysis(in Layer layer, Dataflow dataflow, int numPes)
    {
        _clusters = ClusterBuilder.Build(DataflowTemplates.For(dataflow, layer.Kind), layer, numPes);
        _reuse = _clusters.Select(c => new ReuseAnalysis(c)).ToArray();
        _tensors = Tensor.For(layer.Kind);
        _memo = _clusters.Select(_ => new Dictionary<long, LevelPlan>()).ToArray();
        Top = Analyze(0, _clusters[0].Dims);
    }

    private LevelPlan Sub(int level, DimTable dims)
    {
        long key = dims.Key();
        if (!_memo[level].TryGetValue(key, out var p))
        {
            p = Analyze(level, dims);
            _memo[level][key] = p;
        }
        return p;
    }

    private static int IndexOf(LevelPlan parent, LevelPlan sub)
    {
        int i = parent.Subs.IndexOf(sub);
        if (i >= 0) return i;
        parent.Subs.Add(sub);
        return parent.Subs.Count - 1;
    }

    private LevelPlan Analyze(int level, DimTable dims)
    {
        var cluster = _clusters[level];
        var ra = _reuse[level];
        var plan = new LevelPlan { IsBase = level == _clusters.Length - 1 };
        var cases = IterationCases.Enumerate(cluster, dims);
        int caseId = 0; // MAESTRO counts only cases that compute, so a skipped first case re-runs the buffer update
        foreach (var c in cases)
        {
            if (caseId == 0) UpdateBufferRequirements(plan, dims, ra, c);
            long occ = IterationCases.Occurrences(c);
            long egress = 0, psums = 0, psumMap = 0, ingress = 0;
            foreach (var t in _tensors)
            {
                if (!t.IsOutput) continue;
                int k = (int)t.Class;
                long eg = ra.SpatialEgressTraffic(t, c);
                psumMap += ra.OutputSpatialMappingSize(t, c, true);
                egress += eg;
                plan.UpWrite[k] += occ * eg;
                plan.DownWrite[k] += occ * psumMap;
                plan.DownRead[k] += occ * psumMap;
                psums += ra.CriticalPathPartialSums(t, c);
            }
            if (psums <= 0) continue;
            foreach (var t in _tensors)
            {
                if (t.IsOutput) continue;
                int k = (int)t.Class;
                long ing = ra.SpatialIngressTraffic(t, c);
                ingress += ing;
                plan.UpRead[k] += occ * ing;
                plan.DownWrite[k] = plan.UpRead[k];
                plan.DownRead[k] += occ * psumMap;
            }
            int s1 = -1, s2 = -1;
            if (!plan.IsBase)
            {
                var sp = c[cluster.UpperSpatialIndex];
                if (sp.IsEdge && sp.SpEdgeEdge)
                {
                    s1 = IndexOf(plan, Sub(level + 1, ra.SubClusterDims(c, true)));
                    if (cluster.NumClusters(true) - 1 > 0) s2 = IndexOf(plan, Sub(level + 1, ra.SubClusterDims(c, false)));
                }
                else s1 = IndexOf(plan, Sub(level + 1, ra.SubClusterDims(c, false)));
            }
            plan.PartialSums += occ * psumMap;
            caseId++;
            plan.Cases.Add(new CasePlan(occ, ingress, egress, IterationCases.AllInit(c), plan.IsBase ? psums : 0, s1, s2));
        }
        return plan;
    }

    private void UpdateBufferRequirements(LevelPlan plan, DimTable dims, ReuseAnalysis ra, IterState[] c)
    {
        foreach (var t in _tensors)
        {
            int k = (int)t.Class;
            long size = 1;
            if (!t.IsOutput)
            {
                foreach (var v in t.Coupled) size *= dims.Get(v);
                plan.UpBuffer[k] += 2 * ra.SpatialIngressTraffic(t, c);
                plan.UpWrite[k] = size;
            }
            else
            {
                foreach (var v in t.Coupled)
                    size *= Dim.IsReference(v) ? dims.Get(v) - dims.Get(Dim.Counterpart(v)) + 1 : dims.Get(v);
                plan.UpBuffer[k] = 2 * ra.SpatialEgressTraffic(t, c);
                plan.UpRead[k] = size;
            }
        }
    }
}

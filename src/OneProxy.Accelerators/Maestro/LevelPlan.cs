namespace OneProxy.Accelerators.Maestro;

/// <summary>One iteration case of a cluster level, reduced to what runtime needs.</summary>
internal readonly record struct CasePlan(long Occurrences, long Ingress, long Egress, bool AllInit, long BasePartialSums, int Sub1, int Sub2);

/// <summary>
/// The bandwidth-independent analysis of one cluster level on one tile: buffer access counts
/// (which give energy), upstream buffer requirements (which give the off-chip delay) and the
/// iteration cases; <see cref="Runtime"/> turns it into cycles for given NoC/off-chip bandwidths.
/// Sub-level plans are shared by identical tiles (see <see cref="LayerAnalysis"/>).
/// </summary>
internal sealed class LevelPlan
{
    public bool IsBase;
    public readonly List<CasePlan> Cases = [];
    /// <summary>Upstream (L2) reads/writes and downstream (L1) reads/writes per data class.</summary>
    public readonly long[] UpRead = new long[3], UpWrite = new long[3], DownRead = new long[3], DownWrite = new long[3];
    public readonly long[] UpBuffer = new long[3];
    public long PartialSums;
    /// <summary>Distinct sub-level plans the cases refer to by index.</summary>
    public readonly List<LevelPlan> Subs = [];

    /// <summary>Cycles of this level (MAESTRO's double-buffered case model).</summary>
    public long Runtime(bool isTop, long noc, long hops, long offchip)
    {
        Span<long> subRt = Subs.Count <= 16 ? stackalloc long[Subs.Count] : new long[Subs.Count];
        for (int i = 0; i < Subs.Count; i++) subRt[i] = Subs[i].Runtime(false, noc, hops, offchip);
        long inDelay = 0, outDelay = 0;
        if (isTop)
        {
            inDelay = (UpBuffer[0] + UpBuffer[1]) / offchip / 2;
            outDelay = UpBuffer[2] / offchip / 2;
        }
        long total = 0;
        foreach (var cp in Cases)
        {
            long comp = IsBase ? cp.BasePartialSums : Math.Max(cp.Sub1 >= 0 ? subRt[cp.Sub1] : 0, cp.Sub2 >= 0 ? subRt[cp.Sub2] : 0);
            long ing = Delay(cp.Ingress, noc, hops), eg = Delay(cp.Egress, noc, hops);
            long o = cp.AllInit ? comp + ing : Math.Max(eg, Math.Max(comp, ing));
            if (isTop)
            {
                if (comp == 0) throw new MappingRejectedException("a case computes nothing on the top level (MAESTRO divides by zero)");
                o = Math.Max(inDelay, Math.Max(o, outDelay));
            }
            total += cp.Occurrences * o;
        }
        return total;
    }

    /// <summary>MAESTRO's NoC: head latency (hops) plus one cycle per further bandwidth-sized send.</summary>
    private static long Delay(long data, long bw, long hops)
    {
        long sends = data / bw + (data % bw != 0 ? 1 : 0);
        return hops + sends - 1;
    }
}

namespace OneProxy.Accelerators.Maestro;

internal enum IterPos : byte { Init, Steady, Edge }

/// <summary>The iteration state of one directive in one case: first (init), steady or last (edge) step.</summary>
internal readonly record struct IterState(IterPos Pos, long Occurrences, bool Unrolled, bool InitEdge, bool SpEdgeEdge)
{
    public bool IsEdge => Pos == IterPos.Edge || InitEdge;
}

/// <summary>
/// MAESTRO's iteration analysis: each directive has an init state and possibly steady and edge
/// states; a case is one state per directive and occurs the product of their counts. Every
/// combination is a case (MAESTRO enumerates them in a different order, which changes nothing).
/// </summary>
internal static class IterationCases
{
    public static List<IterState[]> Enumerate(ClusterUnit cluster, DimTable dims)
    {
        var df = cluster.Dataflow;
        var perDir = new List<IterState>[df.Length];
        for (int i = 0; i < df.Length; i++) perDir[i] = States(df[i], dims.Get(df[i].Var), cluster.Size);
        var cases = new List<IterState[]>();
        var idx = new int[df.Length];
        while (true)
        {
            var c = new IterState[df.Length];
            for (int i = 0; i < df.Length; i++) c[i] = perDir[i][idx[i]];
            cases.Add(c);
            int k = df.Length - 1;
            while (k >= 0 && ++idx[k] == perDir[k].Count) { idx[k] = 0; k--; }
            if (k < 0) break;
        }
        return cases;
    }

    public static long Occurrences(IterState[] c)
    {
        long o = 1;
        foreach (var s in c) o *= s.Occurrences;
        return o;
    }

    public static bool AllInit(IterState[] c)
    {
        foreach (var s in c) if (s.Pos != IterPos.Init) return false;
        return true;
    }

    private static List<IterState> States(Directive d, int dimSize, int numSubClusters)
    {
        var list = new List<IterState>(3);
        int map = d.Size, ofs = d.Ofs;
        if (d.Kind == MapKind.Temporal)
        {
            list.Add(new IterState(IterPos.Init, 1, dimSize <= map, dimSize < map, false));
            int steady = (dimSize - map) / ofs;
            bool hasSteady = map < dimSize;
            bool hasEdge = steady * ofs + map < dimSize;
            if (hasSteady && steady > 0) list.Add(new IterState(IterPos.Steady, steady, false, false, false));
            if (!(dimSize < map) && hasEdge) list.Add(new IterState(IterPos.Edge, 1, false, false, false));
        }
        else
        {
            int coverage = map + ofs * (numSubClusters - 1);
            bool initUnroll = dimSize <= coverage;
            bool initEdge = dimSize < coverage;
            list.Add(new IterState(IterPos.Init, 1, initUnroll, initEdge, initEdge));
            bool hasSteady = coverage < dimSize;
            int steady = ((dimSize - map) / ofs + 1) / numSubClusters - 1;
            bool hasEdge = !initUnroll
                && ((steady + 1) * (ofs * numSubClusters) + coverage > dimSize)
                && (steady * (ofs * numSubClusters) + coverage != dimSize);
            if (hasSteady && steady > 0) list.Add(new IterState(IterPos.Steady, steady, false, false, false));
            int remaining = dimSize - (steady + 1) * ofs * numSubClusters;
            int activeAtEdge = remaining < map ? 1 : (remaining - map) / ofs + 1;
            bool spEdgeEdge = false;
            if ((activeAtEdge - 1) * ofs + map < remaining) spEdgeEdge = true;
            if (!initEdge && hasEdge) list.Add(new IterState(IterPos.Edge, 1, false, false, spEdgeEdge));
        }
        return list;
    }
}

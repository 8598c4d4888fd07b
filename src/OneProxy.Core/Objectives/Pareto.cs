using OneProxy.SearchSpaces;

namespace OneProxy.Search;

/// <summary>
/// Two-objective Pareto tools: latency is minimised, accuracy maximised.
/// Hypervolume is the area dominated by a set and bounded by a reference point
/// (the worst latency and worst accuracy that still count); points beyond the reference add nothing.
/// </summary>
public static class Pareto
{
    /// <summary>
    /// Indices of the non-dominated points, in ascending latency. Among exact duplicates the
    /// first index is kept, so the result is deterministic.
    /// </summary>
    public static int[] NonDominated(IReadOnlyList<double> latency, IReadOnlyList<double> accuracy)
    {
        if (latency.Count != accuracy.Count) throw new ArgumentException($"{latency.Count} latencies but {accuracy.Count} accuracies");
        for (int i = 0; i < latency.Count; i++)
            if (double.IsNaN(latency[i]) || double.IsNaN(accuracy[i])) throw new ArgumentException($"point {i} has a NaN objective");
        var order = Enumerable.Range(0, latency.Count)
            .OrderBy(i => latency[i]).ThenByDescending(i => accuracy[i]).ThenBy(i => i).ToArray();
        var front = new List<int>();
        double best = double.NegativeInfinity;
        foreach (var i in order)
            if (accuracy[i] > best) { front.Add(i); best = accuracy[i]; }
        return [.. front];
    }

    public static IReadOnlyList<Candidate> NonDominated(IReadOnlyList<Candidate> candidates)
    {
        var idx = NonDominated(candidates.Select(c => c.LatencyMs).ToArray(), candidates.Select(c => c.AccuracyPercent).ToArray());
        return idx.Select(i => candidates[i]).ToArray();
    }

    /// <summary>
    /// The front of architectures with parallel latency and accuracy lists; architectures whose
    /// latency is missing (NaN: not measured on that device) are left out.
    /// </summary>
    public static IReadOnlyList<Candidate> Front(IReadOnlyList<Architecture> architectures, IReadOnlyList<double> latencyMs, IReadOnlyList<double> accuracyPercent)
    {
        if (architectures.Count != latencyMs.Count || architectures.Count != accuracyPercent.Count)
            throw new ArgumentException($"{architectures.Count} architectures, {latencyMs.Count} latencies, {accuracyPercent.Count} accuracies");
        var points = new List<Candidate>(architectures.Count);
        for (int i = 0; i < architectures.Count; i++)
            if (!double.IsNaN(latencyMs[i])) points.Add(new Candidate(architectures[i], latencyMs[i], accuracyPercent[i]));
        return NonDominated(points);
    }

    /// <summary>Area dominated by the points inside the reference box [.., refLatency] x [refAccuracy, ..].</summary>
    public static double Hypervolume(IReadOnlyList<double> latency, IReadOnlyList<double> accuracy, double refLatency, double refAccuracy)
    {
        double area = 0, prevAcc = refAccuracy;
        foreach (var i in NonDominated(latency, accuracy))
        {
            if (latency[i] > refLatency || accuracy[i] <= prevAcc) continue;
            area += (refLatency - latency[i]) * (accuracy[i] - prevAcc);
            prevAcc = accuracy[i];
        }
        return area;
    }

    public static double Hypervolume(IReadOnlyList<Candidate> points, double refLatency, double refAccuracy) =>
        Hypervolume(points.Select(c => c.LatencyMs).ToArray(), points.Select(c => c.AccuracyPercent).ToArray(), refLatency, refAccuracy);

    /// <summary>
    /// How much of a device's true (oracle) front a set recovers: HV(set) / HV(oracle), both with
    /// the oracle front's worst latency and worst accuracy as the reference, so a generous
    /// reference cannot hide a gap. 1.0 means the front was matched. Both sets must carry the
    /// device's true latencies.
    /// </summary>
    public static double HypervolumeRatio(IReadOnlyList<Candidate> set, IReadOnlyList<Candidate> oracleFront)
    {
        if (oracleFront.Count == 0) throw new ArgumentException("the oracle front is empty");
        double refLat = oracleFront.Max(c => c.LatencyMs), refAcc = oracleFront.Min(c => c.AccuracyPercent);
        double oracle = Hypervolume(oracleFront, refLat, refAcc);
        if (oracle <= 0) throw new ArgumentException("the oracle front has zero hypervolume (a single point?)");
        return Hypervolume(set, refLat, refAcc) / oracle;
    }
}

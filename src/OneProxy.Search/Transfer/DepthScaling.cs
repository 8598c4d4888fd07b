using OneProxy.Accuracy;
using OneProxy.Devices;
using OneProxy.Search;
using OneProxy.SearchSpaces;

namespace OneProxy.Transfer;

/// <summary>
/// The paper's baseline #2 (Section 3.6.1): heuristic depth scaling. Take one Pareto-optimal
/// architecture found on the proxy and grow or shrink it by up to two blocks in total (never
/// both in one variant), measure the variants on the target and keep the non-dominated ones.
/// O(1) target measurements, but no guarantee: the variants are a tiny, coarse corner of the space.
/// </summary>
public static class DepthScaling
{
    /// <summary>
    /// The seed and every variant whose stage depths all move the same way by a total of at most
    /// <paramref name="maxChange"/> blocks, in a fixed order (shrunk, seed, grown).
    /// </summary>
    public static IReadOnlyList<Architecture> Family(MbConvSpace space, Architecture seed, int maxChange = 2)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxChange);
        var d0 = Enumerable.Range(0, space.StageCount).Select(s => space.Depth(seed, s)).ToArray();
        var result = new List<(int Delta, Architecture A)>();
        var seen = new HashSet<Architecture>();
        void Visit(int stage, int[] d)
        {
            if (stage == d.Length)
            {
                var deltas = d.Select((x, i) => x - d0[i]).ToArray();
                int up = deltas.Where(x => x > 0).Sum(), down = -deltas.Where(x => x < 0).Sum();
                if ((up > 0 && down > 0) || up + down > maxChange) return;
                var a = space.WithDepths(seed, d);
                if (seen.Add(a)) result.Add((up - down, a));
                return;
            }
            foreach (var depth in MbConvSpace.Depths)
            {
                d[stage] = depth;
                Visit(stage + 1, d);
            }
        }
        Visit(0, (int[])d0.Clone());
        return result.OrderBy(p => p.Delta).Select(p => p.A).ToList();
    }

    /// <summary>Measures the family on the target and returns its non-dominated (latency, accuracy) set and the measurements spent.</summary>
    public static (IReadOnlyList<Candidate> Front, int Measurements) Run(MbConvSpace space, Architecture seed, ILatencyDevice target,
        IAccuracySource accuracy, int maxChange = 2)
    {
        var family = Family(space, seed, maxChange);
        var latency = family.Select(target.MeasureMs).ToArray();
        var acc = accuracy.PredictAll(family);
        return (Pareto.Front(family, latency, acc), family.Count);
    }
}

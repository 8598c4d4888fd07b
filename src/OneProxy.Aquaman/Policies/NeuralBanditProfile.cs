using System.Diagnostics;

namespace OneProxy.Aquaman.Policies;

/// <summary>
/// Where a neural bandit's time goes (Stopwatch ticks, summed over its life): choosing (forward + gradient features +
/// bonus over the candidates), updating Z at arrivals, retraining, rebuilding Z. The benchmark reports it so that the
/// cost of a simulation can be attributed without a profiler.
/// </summary>
public sealed class NeuralBanditProfile
{
    public long ChooseTicks { get; internal set; }
    public long ZUpdateTicks { get; internal set; }
    public long RetrainTicks { get; internal set; }
    public long ZRebuildTicks { get; internal set; }
    public int Retrainings { get; internal set; }
    public int ZRebuilds { get; internal set; }

    public static double Milliseconds(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}

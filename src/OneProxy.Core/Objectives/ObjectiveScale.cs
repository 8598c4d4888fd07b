namespace OneProxy.Search;

/// <summary>
/// Min-max scales for latency and accuracy, fixed once per search from a random population, so
/// the fitness (t-1)*acc + t*lat of Eq. 3.4 weighs normalised objectives and stays comparable
/// across generations and across values of t.
/// </summary>
public sealed record ObjectiveScale(double LatencyMin, double LatencyMax, double AccuracyMin, double AccuracyMax)
{
    public static ObjectiveScale From(IReadOnlyList<Candidate> sample)
    {
        if (sample.Count == 0) throw new ArgumentException("cannot scale objectives from an empty sample");
        return new ObjectiveScale(sample.Min(c => c.LatencyMs), sample.Max(c => c.LatencyMs), sample.Min(c => c.AccuracyPercent), sample.Max(c => c.AccuracyPercent));
    }

    public double Latency(double v) => LatencyMax > LatencyMin ? (v - LatencyMin) / (LatencyMax - LatencyMin) : 0;
    public double Accuracy(double v) => AccuracyMax > AccuracyMin ? (v - AccuracyMin) / (AccuracyMax - AccuracyMin) : 0;

    /// <summary>Eq. 3.4 on normalised objectives; lower is fitter. t = 0: accuracy only; t = 1: latency only.</summary>
    public double Fitness(Candidate c, double t) => (t - 1) * Accuracy(c.AccuracyPercent) + t * Latency(c.LatencyMs);
}

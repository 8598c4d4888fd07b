namespace OneProxy.Energy.LearnToOptimize;

/// <summary>
/// The trade-off weights λ_m of Eq. (1.8) the optimizer is trained for (Λ_T): every λ_m in
/// [<see cref="Min"/>, <see cref="Max"/>], sampled log-uniformly, and fed to the optimizer network
/// as 2 (ln λ − ln Min) / (ln Max − ln Min) − 1 in [−1, 1]. Costs and accuracy are min-max
/// normalised, so λ = 1 weighs the whole latency range like the whole accuracy range.
/// </summary>
public sealed record LambdaRange(double Min = 0.03, double Max = 3.0)
{
    public LambdaRange Validated()
    {
        if (!(Min > 0) || !(Max > Min) || !double.IsFinite(Max)) throw new InvalidOptionException("lambda", $"need 0 < min < max, got [{Min}, {Max}]");
        return this;
    }

    public double Feature(double lambda) => 2 * (Math.Log(lambda) - Math.Log(Min)) / (Math.Log(Max) - Math.Log(Min)) - 1;

    /// <summary>λ at position s in [0, 1] along the log scale (s = 0: Min, s = 1: Max).</summary>
    public double At(double s) => Min * Math.Pow(Max / Min, s);

    /// <summary>One λ vector with <paramref name="metrics"/> independent log-uniform entries.</summary>
    public double[] Sample(int metrics, Random rng) => Enumerable.Range(0, metrics).Select(_ => At(rng.NextDouble())).ToArray();
}

namespace OneProxy.Service.Onboarding;

/// <summary>How a device is onboarded, validated once. Defaults follow the library's (TransferOptions, IncrementalOptions).</summary>
public sealed record OnboardingSettings
{
    /// <summary>Architectures measured first, to choose the proxy by sampled SRCC (and reused by every later step).</summary>
    public int ProxySample { get; init; } = 15;

    /// <summary>Architectures per incremental adaptation round.</summary>
    public int AdaptBatch { get; init; } = 5;

    /// <summary>Cross-validated SRCC at which incremental adaptation stops.</summary>
    public double AdaptThreshold { get; init; } = 0.95;

    /// <summary>At most this many measurements go to adaptation; the rest of the device's budget prunes the front (Algorithm 5).</summary>
    public int AdaptBudget { get; init; } = 30;

    /// <summary>
    /// Algorithm 5's pruning (TransferOptions.RefitEvery): the library default (5) re-adapts and
    /// re-searches every 5 pruning measurements (best fronts, about 1 CPU-second per NAS-Bench-201
    /// device here); 0 is the paper's one-shot pruning (one search per device, several times cheaper).
    /// </summary>
    public int RefitEvery { get; init; } = new OneProxy.Transfer.TransferOptions().RefitEvery;

    /// <summary>
    /// With one-shot pruning (RefitEvery 0), queue every pruning measurement at once (found by a
    /// dry run, see <see cref="DeferringDevice"/>) instead of waiting for each in turn: the same
    /// outcome in one agent round trip instead of one per measurement.
    /// </summary>
    public bool QueuePruning { get; init; } = true;

    /// <summary>Seed of the service; each device's stream is derived from it and the device's name.</summary>
    public int Seed { get; init; }

    public OnboardingSettings Validate()
    {
        if (ProxySample < 3) throw new ArgumentOutOfRangeException(nameof(ProxySample), ProxySample, "the proxy choice needs at least 3 sampled architectures");
        if (RefitEvery < 0) throw new ArgumentOutOfRangeException(nameof(RefitEvery), RefitEvery, "must be >= 0");
        if (AdaptBatch < 1) throw new ArgumentOutOfRangeException(nameof(AdaptBatch), AdaptBatch, "must be >= 1");
        if (AdaptBudget < ProxySample) throw new ArgumentOutOfRangeException(nameof(AdaptBudget), AdaptBudget, $"must be >= the proxy sample {ProxySample}");
        if (double.IsNaN(AdaptThreshold) || AdaptThreshold is <= -1 or > 1) throw new ArgumentOutOfRangeException(nameof(AdaptThreshold), AdaptThreshold, "must be in (-1, 1]");
        return this;
    }
}

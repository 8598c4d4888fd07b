using OneProxy.Devices;
using OneProxy.SearchSpaces;

namespace OneProxy.Service.Onboarding;

/// <summary>
/// A dry-run view of a queued device for Algorithm 5 with one-shot pruning (RefitEvery 0): known
/// measurements are answered, and every other request is recorded and answered with a placeholder
/// instead of waiting. In one-shot pruning the architectures to prune are chosen from the
/// predicted candidates before any of them is measured, and their latencies only enter the final
/// non-dominated filter, so one dry run names every pruning measurement: they are then queued at
/// once (agents measure them in parallel) instead of one wait per measurement.
/// <see cref="OnboardingUseCase"/> checks that no placeholder reached the sample, and a test checks
/// that the outcome equals a run that waited for each measurement.
/// </summary>
public sealed class DeferringDevice(IQueuedDevice inner) : ILatencyDevice
{
    /// <summary>Answer to a request not measured yet; finite and positive so the pipeline's checks pass, never served.</summary>
    public const double Placeholder = 1.0;

    private readonly List<Architecture> _requested = [];
    private readonly List<Architecture> _deferred = [];

    public string Name => inner.Name;
    public int Measurements => _requested.Count;

    /// <summary>Every architecture the pipeline asked for, in order.</summary>
    public IReadOnlyList<Architecture> Requested => _requested;

    /// <summary>Those answered with <see cref="Placeholder"/> (not measured yet).</summary>
    public IReadOnlyList<Architecture> Deferred => _deferred;

    public double MeasureMs(Architecture architecture)
    {
        _requested.Add(architecture);
        if (inner.TryKnown(architecture, out var ms)) return ms;
        _deferred.Add(architecture);
        return Placeholder;
    }
}

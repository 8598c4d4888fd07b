using OneProxy.Devices;
using OneProxy.SearchSpaces;

namespace OneProxy.Service.Onboarding;

/// <summary>
/// A target device whose measurements arrive later, from agents. <see cref="ILatencyDevice.MeasureMs"/>
/// blocks until the result is in; <see cref="BatchOnMiss"/> lets the caller say which other
/// architectures the algorithm will certainly ask for next, so agents measure them in parallel.
/// </summary>
public interface IQueuedDevice : ILatencyDevice
{
    /// <summary>Given a missing architecture, the architectures to queue with it (it included); null queues it alone.</summary>
    Func<Architecture, IReadOnlyList<Architecture>>? BatchOnMiss { get; set; }

    /// <summary>The stored measurement of <paramref name="architecture"/> if there is one; never waits, never queues.</summary>
    bool TryKnown(Architecture architecture, out double ms);

    /// <summary>Queues measurements of <paramref name="architectures"/> without waiting (those known or queued before are left alone).</summary>
    void Queue(IReadOnlyList<Architecture> architectures);
}

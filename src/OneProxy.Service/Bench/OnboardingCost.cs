using System.Diagnostics;
using OneProxy.Devices;
using OneProxy.SearchSpaces;
using OneProxy.Service.Onboarding;

namespace OneProxy.Service.Bench;

/// <summary>
/// The onboarding compute per device without any HTTP or store: the same use case the service
/// runs, on recorded devices answering at once, in this process before the load starts (so the
/// CPU time measured is the pipeline's). It bounds the service's throughput from above:
/// devices x this is CPU the replicas must spend whatever the job path costs.
/// </summary>
public static class OnboardingCost
{
    private sealed class Immediate(RecordedDevice recorded) : IQueuedDevice
    {
        public string Name => recorded.Name;
        public int Measurements { get; private set; }
        public Func<Architecture, IReadOnlyList<Architecture>>? BatchOnMiss { get; set; }
        public double MeasureMs(Architecture a) { Measurements++; return recorded.MeasureMs(a); }
        public bool TryKnown(Architecture a, out double ms) { ms = recorded.MeasureMs(a); return true; }
        public void Queue(IReadOnlyList<Architecture> architectures) { }
    }

    /// <summary>
    /// CPU milliseconds per onboarded device, averaged over <paramref name="devices"/> runs after as
    /// many warm-up runs (so the JIT's optimised tier runs, as in a replica that onboards hundreds).
    /// </summary>
    public static double CpuMsPerDevice(OnboardingContext ctx, IReadOnlyList<RecordedDevice> targets, int budget, OnboardingSettings settings, int devices, CancellationToken ct)
    {
        if (targets.Count == 0) throw new ArgumentException("give at least one recorded target");
        for (int i = 0; i < devices; i++) OnboardingUseCase.Run(ctx, new Immediate(targets[i % targets.Count]), budget, settings with { Seed = settings.Seed + 1_000_000 + i }, ct);
        var self = Process.GetCurrentProcess();
        self.Refresh();
        var before = self.TotalProcessorTime;
        for (int i = 0; i < devices; i++) OnboardingUseCase.Run(ctx, new Immediate(targets[i % targets.Count]), budget, settings with { Seed = settings.Seed + i }, ct);
        self.Refresh();
        return (self.TotalProcessorTime - before).TotalMilliseconds / devices;
    }
}

using OneProxy.Devices;
using OneProxy.SearchSpaces;
using OneProxy.Service.Onboarding;
using OneProxy.Service.Tests.Service;

namespace OneProxy.Service.Tests.Onboarding;

/// <summary>
/// One-shot pruning with its measurements queued together (a dry run names them) must give the
/// outcome of the run that waits for each measurement, in fewer agent round trips.
/// </summary>
[Collection("nasbench")]
public sealed class QueuedPruningTests(NasBenchContext nb)
{
    /// <summary>A recorded device that counts round trips: a request for something not measured yet waits once, and everything queued by then arrives together.</summary>
    private sealed class RoundTripDevice(RecordedDevice recorded) : IQueuedDevice
    {
        private readonly HashSet<Architecture> _measured = [];
        private readonly List<Architecture> _pending = [];

        public string Name => recorded.Name;
        public int Measurements { get; private set; }
        public int RoundTrips { get; private set; }
        public Func<Architecture, IReadOnlyList<Architecture>>? BatchOnMiss { get; set; }

        public double MeasureMs(Architecture a)
        {
            Measurements++;
            if (!_measured.Contains(a))
            {
                RoundTrips++;
                _measured.UnionWith(BatchOnMiss?.Invoke(a) ?? [a]);
                _measured.Add(a);
                _measured.UnionWith(_pending);
                _pending.Clear();
            }
            return recorded.MeasureMs(a);
        }

        public bool TryKnown(Architecture a, out double ms)
        {
            ms = _measured.Contains(a) ? recorded.MeasureMs(a) : double.NaN;
            return _measured.Contains(a);
        }

        public void Queue(IReadOnlyList<Architecture> architectures) => _pending.AddRange(architectures);
    }

    [SkippableTheory]
    [InlineData("eyeriss")]
    [InlineData("fpga")]
    [InlineData("pixel2")]
    [InlineData("essential_ph_1")]
    public void Queued_pruning_gives_the_waiting_runs_outcome_in_fewer_round_trips(string column)
    {
        var recorded = new RecordedDevice(nb.Context.Latency, column);
        var waiting = new RoundTripDevice(recorded);
        var queued = new RoundTripDevice(recorded);
        var a = OnboardingUseCase.Run(nb.Context, waiting, 50, new OnboardingSettings { RefitEvery = 0, QueuePruning = false, Seed = 7 }, CancellationToken.None);
        var b = OnboardingUseCase.Run(nb.Context, queued, 50, new OnboardingSettings { RefitEvery = 0, QueuePruning = true, Seed = 7 }, CancellationToken.None);

        Assert.Equal(a.Proxy, b.Proxy);
        Assert.Equal(a.Measurements, b.Measurements);
        Assert.Equal(a.Front, b.Front);
        Assert.Equal(a.PredictedFront, b.PredictedFront);
        Assert.Equal(a.PredictorJson, b.PredictorJson);
        Assert.InRange(a.Measurements, 30, 50);
        // Waiting: one round trip per pruning measurement; queued: one for all of them.
        // Proxy sample 1, each later adaptation round 1, pruning 1.
        Assert.True(queued.RoundTrips + 5 <= waiting.RoundTrips, $"round trips: queued {queued.RoundTrips}, waiting {waiting.RoundTrips}");
        Assert.InRange(queued.RoundTrips, 1, b.Rounds.Count + 1);
    }
}

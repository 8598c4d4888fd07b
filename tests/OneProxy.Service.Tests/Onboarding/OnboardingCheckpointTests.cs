using System.Text.Json;
using OneProxy.Devices;
using OneProxy.SearchSpaces;
using OneProxy.Service.Onboarding;
using OneProxy.Service.Tests.Service;

namespace OneProxy.Service.Tests.Onboarding;

/// <summary>A pipeline restarted from its checkpoint skips the proxy choice and adaptation rounds and must still serve the uninterrupted run's outcome.</summary>
[Collection("nasbench")]
public sealed class OnboardingCheckpointTests(NasBenchContext nb)
{
    /// <summary>Every measurement already stored (what a restarted pipeline finds): answered from the recording at once.</summary>
    private sealed class StoredDevice(RecordedDevice recorded) : IQueuedDevice
    {
        public string Name => recorded.Name;
        public int Measurements { get; private set; }
        public Func<Architecture, IReadOnlyList<Architecture>>? BatchOnMiss { get; set; }
        public double MeasureMs(Architecture a) { Measurements++; return recorded.MeasureMs(a); }
        public bool TryKnown(Architecture a, out double ms) { ms = recorded.MeasureMs(a); return true; }
        public void Queue(IReadOnlyList<Architecture> architectures) { }
    }

    [SkippableTheory]
    [InlineData("eyeriss", 0)]
    [InlineData("pixel2", 0)]
    [InlineData("fpga", 5)]
    public void A_run_resumed_from_its_checkpoint_serves_the_same_outcome(string column, int refitEvery)
    {
        var recorded = new RecordedDevice(nb.Context.Latency, column);
        var settings = new OnboardingSettings { RefitEvery = refitEvery, Seed = 11 };
        var saved = new List<OnboardingCheckpoint>();
        var full = OnboardingUseCase.Run(nb.Context, new StoredDevice(recorded), 50, settings, CancellationToken.None, checkpoint: saved.Add);
        var cp = Assert.Single(saved);
        Assert.Equal((full.Proxy, full.Rounds.Count), (cp.Proxy, cp.Rounds.Count));

        // Through its JSON, as a restarted replica reads it from the device row.
        var resume = OnboardingCheckpoint.Parse(cp.ToJson(), OnboardingCheckpoint.FingerprintOf(nb.Context, 50, settings));
        Assert.NotNull(resume);
        var again = new List<OnboardingCheckpoint>();
        var resumed = OnboardingUseCase.Run(nb.Context, new StoredDevice(recorded), 50, settings, CancellationToken.None, resume, again.Add);
        Assert.Empty(again);
        Assert.Equal(JsonSerializer.Serialize(full), JsonSerializer.Serialize(resumed));
    }

    [SkippableFact]
    public void A_checkpoint_made_with_other_settings_is_not_used()
    {
        var settings = new OnboardingSettings { RefitEvery = 0, Seed = 11 };
        var cp = new OnboardingCheckpoint(OnboardingCheckpoint.FingerprintOf(nb.Context, 50, settings), "eyeriss", new Dictionary<string, double>(), [], 20);
        Assert.NotNull(OnboardingCheckpoint.Parse(cp.ToJson(), OnboardingCheckpoint.FingerprintOf(nb.Context, 50, settings)));
        Assert.Null(OnboardingCheckpoint.Parse(cp.ToJson(), OnboardingCheckpoint.FingerprintOf(nb.Context, 60, settings)));
        Assert.Null(OnboardingCheckpoint.Parse(cp.ToJson(), OnboardingCheckpoint.FingerprintOf(nb.Context, 50, settings with { Seed = 12 })));
        Assert.Null(OnboardingCheckpoint.Parse(null, OnboardingCheckpoint.FingerprintOf(nb.Context, 50, settings)));
        Assert.Null(OnboardingCheckpoint.Parse("{\"fingerprint\": 3", OnboardingCheckpoint.FingerprintOf(nb.Context, 50, settings)));
    }
}

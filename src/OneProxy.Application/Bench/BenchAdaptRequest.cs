using OneProxy.Adaptation;

namespace OneProxy.Application.Bench;

/// <summary>
/// <c>oneproxy bench adapt</c>: SRCC on unseen architectures against the number of target
/// measurements, per method, over repetitions 0..Seeds-1; or, with <see cref="Incremental"/>,
/// Algorithm 5's loop and the measurements it spends.
/// </summary>
public sealed record BenchAdaptRequest
{
    public LatencyInput Latency { get; init; } = new();
    public string Proxy { get; init; } = "pixel3";
    public IReadOnlyList<string> Targets { get; init; } = [];
    /// <summary>Empty under leave-one-family-out: every recorded column but the proxy.</summary>
    public IReadOnlyList<string> TargetsOrDefault(IReadOnlyList<string> recorded) =>
        Targets.Count > 0 ? Targets : [.. recorded.Where(c => c != Proxy)];

    /// <summary>Null or empty: every column that is not a target.</summary>
    public IReadOnlyList<string>? Library { get; init; }
    public IReadOnlyList<int> Samples { get; init; } = [5, 10, 20, 50];
    public int Seeds { get; init; } = 20;
    public AdaptationOptions Options { get; init; } = new();
    /// <summary>Null: the fixed-sample benchmark; otherwise the incremental loop with these settings.</summary>
    public IncrementalOptions? Incremental { get; init; }
    /// <summary>Fixed library or leave-one-family-out, random or designed measurements, whole table or a pool per seed.</summary>
    public AdaptationBenchmarkSetup Setup { get; init; } = new();

    public BenchAdaptRequest Validate()
    {
        Require.That(Targets.Count > 0 || Setup.Protocol == AdaptationProtocol.LeaveOneFamilyOut, "targets", "name at least one target device column");
        Require.That(Library is null || !Library.Any(Targets.Contains), "library", $"a target must not be in the library ({string.Join(", ", Library?.Where(Targets.Contains) ?? [])})");
        Require.That(Samples.Count > 0, "samples", "give at least one sample size");
        foreach (var k in Samples) Require.AtLeast(k, 2, "samples");
        Require.AtLeast(Seeds, 1, "seeds");
        Require.AtLeast(Setup.Pool, 0, "pool");
        Require.That(Incremental is null || (Setup.Design == SamplingDesign.Random && Setup.Pool == 0), "incremental", "--incremental measures in random order over the whole table; leave out --design and --pool");
        Options.Validate();
        Incremental?.Validate();
        return this;
    }
}

using OneProxy.Adaptation;

namespace OneProxy.Application.Adaptation;

/// <summary>
/// <c>oneproxy adapt</c>: a predictor for a new target from a proxy predictor file, optional
/// library predictor files, and target measurements, either given (<see cref="SamplesPath"/>) or
/// drawn batch by batch from a recorded device (<see cref="RecordFromPath"/>).
/// </summary>
public sealed record AdaptRequest
{
    public string Space { get; init; } = "nasbench201";
    public string ProxyPath { get; init; } = "";
    /// <summary>Predictor JSON files and/or directories of them.</summary>
    public IReadOnlyList<string> Library { get; init; } = [];
    public string? SamplesPath { get; init; }
    public string? RecordFromPath { get; init; }
    public string? ArchitecturesPath { get; init; }
    /// <summary>The target column; null: the only value column of the samples file.</summary>
    public string? Target { get; init; }
    /// <summary>Null: the automatic choice by cross-validated SRCC.</summary>
    public AdaptationMethod? Method { get; init; }
    public IncrementalOptions Incremental { get; init; } = new();
    /// <summary>Shuffles the recorded pool (the run's only random consumer, so it is used as given).</summary>
    public int Seed { get; init; }
    public string? OutputPath { get; init; }
    /// <summary>Also save the adapted predictor as &lt;dir&gt;/&lt;target&gt;.json.</summary>
    public string? AddToLibrary { get; init; }

    public AdaptRequest Validate()
    {
        Require.That(ProxyPath.Length > 0, "proxy", "give the proxy predictor JSON");
        Require.That((SamplesPath is null) != (RecordFromPath is null), "samples", "give exactly one of --samples and --record-from");
        if (RecordFromPath is not null) Incremental.Validate();
        return this;
    }
}

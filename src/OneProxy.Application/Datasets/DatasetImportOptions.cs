using OneProxy.SearchSpaces;

namespace OneProxy.Application.Datasets;

/// <summary>
/// One conversion: <paramref name="Input"/> (a file, or HELP's latency folder) in
/// <paramref name="Format"/> to <paramref name="Output"/>. <paramref name="Space"/> checks
/// architectures (needed for architecture lists, optional for latencies);
/// <paramref name="Architectures"/> joins an architecture list (CSV or JSON lines) to
/// index-only latencies so the output carries an <c>arch</c> column. <paramref name="Dataset"/>
/// and <paramref name="Metric"/> pick HW-NAS-Bench's entry; <paramref name="Devices"/> limits HELP's files.
/// </summary>
public sealed record DatasetImportOptions(ImportFormat Format, string Input, string Output, string? Space = null,
    string? Architectures = null, IReadOnlyList<string>? Devices = null, string Dataset = "cifar10", string Metric = "latency")
{
    public ISearchSpace? SearchSpace { get; } = Space is null ? null : SearchSpaceRegistry.Get(Space);

    public DatasetImportOptions Validated()
    {
        if (Format == ImportFormat.HelpLatency)
        {
            if (!Directory.Exists(Input)) throw new InvalidOptionException("--input", $"HELP latencies are a folder of <device>.pt files; {OneProxyException.Quote(Input, 200)} is not a folder");
        }
        else LatencyInput.RequireFile(Input, "--input");
        if (Architectures is not null) LatencyInput.RequireFile(Architectures, "--architectures");
        Require.That(Architectures is null || SearchSpace is not null, "--architectures", "needs --space to parse the architectures");
        Require.That(Format is not (ImportFormat.HelpArchitectures or ImportFormat.ArchitectureList) || SearchSpace is not null, "--space", "an architecture list needs its search space");
        Require.That(Format is not ImportFormat.NnMeter || Architectures is null, "--architectures", "nn-Meter's models are not architectures of a OneProxy space");
        Require.That(Metric is "latency" or "energy", "--metric", $"'{OneProxyException.Quote(Metric, 20)}' is neither latency nor energy");
        Require.That(!string.IsNullOrWhiteSpace(Dataset), "--dataset", "empty dataset name");
        Require.That(Path.GetFullPath(Output) != Path.GetFullPath(Input), "--output", "would overwrite the input");
        return this;
    }
}

/// <summary>What an import wrote: rows, value columns (devices; empty for architecture lists), and notes for the log.</summary>
public sealed record DatasetImportResult(string Output, int Rows, IReadOnlyList<string> Devices, IReadOnlyList<string> Notes);

namespace OneProxy.Application.Datasets;

/// <summary>The public file formats <c>oneproxy datasets import</c> converts into OneProxy's wide CSV / architecture lists.</summary>
public enum ImportFormat
{
    /// <summary>HELP's <c>latency/&lt;device&gt;.pt</c> files (torch.save lists or tensors), one per device: a folder.</summary>
    HelpLatency,
    /// <summary>HELP's architecture files: <c>ofa_archs.pt</c>, <c>str_arch2idx.pt</c> (NAS-Bench-201), <c>metainfo.pt</c> (FBNet).</summary>
    HelpArchitectures,
    /// <summary>HW-NAS-Bench's pickle (<c>HW-NAS-Bench-v1_0.pickle</c>): latency or energy of its six devices.</summary>
    HwNasBench,
    /// <summary>nn-Meter's benchmark JSON lines or its long prediction CSV (model_name, predictor, latency).</summary>
    NnMeter,
    /// <summary>An architecture list in JSON lines (one object per line, <c>index</c> optional), written back as CSV.</summary>
    ArchitectureList,
}

/// <summary>Option spellings of <see cref="ImportFormat"/>.</summary>
public static class ImportFormats
{
    public static readonly IReadOnlyDictionary<string, ImportFormat> ByName = new Dictionary<string, ImportFormat>(StringComparer.Ordinal)
    {
        ["help-latency"] = ImportFormat.HelpLatency,
        ["help-archs"] = ImportFormat.HelpArchitectures,
        ["hw-nas-bench"] = ImportFormat.HwNasBench,
        ["nn-meter"] = ImportFormat.NnMeter,
        ["jsonl-archs"] = ImportFormat.ArchitectureList,
    };

    public static ImportFormat Parse(string name) => ByName.TryGetValue(name, out var f) ? f
        : throw new InvalidOptionException("--format", $"unknown format '{OneProxyException.Quote(name, 40)}' (one of {string.Join(", ", ByName.Keys)})");
}

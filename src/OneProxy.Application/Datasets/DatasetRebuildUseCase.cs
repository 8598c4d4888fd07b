using OneProxy.Data;
using OneProxy.Data.Importers;
using OneProxy.SearchSpaces;

namespace OneProxy.Application.Datasets;

/// <summary>
/// Rebuild the shared datasets from the public files: <paramref name="HelpData"/> is HELP's
/// <c>data/</c> folder (its <c>nasbench201/</c>, <c>fbnet/</c>, <c>ofa/</c> subfolders are used
/// where present), <paramref name="HwNasBench"/> optionally HW-NAS-Bench's pickle (NAS-Bench-201
/// latency and energy of its six devices), <paramref name="Accuracies"/> optionally a CSV with
/// <c>index, arch</c> and accuracy columns for NAS-Bench-201 (NATS-Bench's numbers, which come
/// from a 2 GB file this project does not convert): its arch strings must agree with HELP's.
/// </summary>
public sealed record DatasetRebuildOptions(string HelpData, string Output, string? HwNasBench = null, string? Accuracies = null)
{
    public DatasetRebuildOptions Validated()
    {
        if (!Directory.Exists(HelpData)) throw new InvalidOptionException("--help-data", $"not a folder: {OneProxyException.Quote(HelpData, 200)} (expected HELP's data/ folder)");
        if (HwNasBench is not null) LatencyInput.RequireFile(HwNasBench, "--hw-nas-bench");
        if (Accuracies is not null) LatencyInput.RequireFile(Accuracies, "--accuracies");
        return this;
    }
}

/// <summary>Files written, each with its row and column counts.</summary>
public sealed record DatasetRebuildResult(IReadOnlyList<DatasetImportResult> Files);

public static class DatasetRebuildUseCase
{
    /// <summary>HELP's subfolder, OneProxy's space, HELP's architecture file there.</summary>
    private static readonly (string Help, string Space, string Archs)[] Layout =
        [("nasbench201", "nasbench201", "str_arch2idx.pt"), ("fbnet", "fbnet", "metainfo.pt"), ("ofa", "ofa-mbv3", "ofa_archs.pt")];

    public static DatasetRebuildResult Run(DatasetRebuildOptions options, Action<string>? progress = null, CancellationToken cancel = default)
    {
        var o = options.Validated();
        var files = new List<DatasetImportResult>();
        foreach (var (help, space, archFile) in Layout)
        {
            var dir = Path.Combine(o.HelpData, help);
            if (!Directory.Exists(Path.Combine(dir, "latency"))) continue;
            var outDir = Path.Combine(o.Output, space);
            Directory.CreateDirectory(outDir);
            // OFA architectures are JSON objects: JSON lines keep them readable; the others are CSV like the shared folder.
            var archOut = Path.Combine(outDir, space == "ofa-mbv3" ? "architectures.jsonl" : "architectures.csv");
            progress?.Invoke($"{space}: architectures from {archFile}");
            files.Add(DatasetImportUseCase.Run(new DatasetImportOptions(ImportFormat.HelpArchitectures, Path.Combine(dir, archFile), archOut, space), cancel));
            if (space == "nasbench201" && o.Accuracies is not null) files.Add(MergeAccuracies(o.Accuracies, archOut));
            progress?.Invoke($"{space}: latencies from {dir}/latency");
            // Index-only, like the shared folder: readers join architectures.csv/.jsonl beside it.
            files.Add(DatasetImportUseCase.Run(new DatasetImportOptions(ImportFormat.HelpLatency, Path.Combine(dir, "latency"), Path.Combine(outDir, "latency_ms.csv")), cancel));
        }
        if (files.Count == 0) throw new InvalidOptionException("--help-data", $"no nasbench201/latency, fbnet/latency or ofa/latency under {OneProxyException.Quote(o.HelpData, 200)}");
        if (o.HwNasBench is not null)
        {
            var outDir = Path.Combine(o.Output, "nasbench201");
            Directory.CreateDirectory(outDir);
            foreach (var (metric, file) in new[] { ("latency", "hw_nas_bench_latency_ms.csv"), ("energy", "hw_nas_bench_energy_mj.csv") })
            {
                progress?.Invoke($"nasbench201: HW-NAS-Bench {metric}");
                files.Add(DatasetImportUseCase.Run(new DatasetImportOptions(ImportFormat.HwNasBench, o.HwNasBench, Path.Combine(outDir, file), Metric: metric), cancel));
            }
        }
        return new DatasetRebuildResult(files);
    }

    /// <summary>Adds the accuracy columns of <paramref name="accuracies"/> to the rebuilt architectures.csv, refusing a disagreeing arch.</summary>
    private static DatasetImportResult MergeAccuracies(string accuracies, string archCsv)
    {
        var space = SearchSpaceRegistry.Get("nasbench201");
        var rebuilt = WideTableReader.ReadArchitectureIndex(archCsv, space);
        var acc = WideTableReader.Read(accuracies, ValueKind.AccuracyPercent, space, rebuilt);
        if (acc.Architectures is not null && acc.Indices is not null)
            for (int r = 0; r < acc.RowCount; r++)
                if (rebuilt.TryGetValue(acc.Indices[r], out var a) && !a.Equals(acc.Architectures[r]))
                    throw new UnusableDataException($"{accuracies}: index {acc.Indices[r]} is {space.Format(acc.Architectures[r])} there but {space.Format(a)} in HELP's list");
        Require.That(acc.RowCount == rebuilt.Count, "--accuracies", $"{acc.RowCount} rows for HELP's {rebuilt.Count} architectures");
        WideCsvOutput.Write(acc, space, archCsv);
        return new DatasetImportResult(archCsv, acc.RowCount, acc.ColumnNames, ["accuracy columns joined by index"]);
    }
}

using System.Diagnostics;
using OneProxy.Data;
using OneProxy.SearchSpaces;

namespace OneProxy.Application;

/// <summary>
/// Where a command's latency table comes from: a space, a wide CSV (default: the dataset's
/// latency_ms.csv), an optional architectures file to join, an optional device selection, and
/// optionally FLOPs and parameters as free pseudo-devices. The same record binds CLI flags and,
/// later, HTTP fields.
/// </summary>
public sealed record LatencyInput(string Space = "nasbench201", string? LatencyPath = null, string? ArchitecturesPath = null,
    IReadOnlyList<string>? Devices = null, bool WithFlops = false)
{
    /// <summary>Reads the table; the notes say what was read and what is missing (for a log, never for a result).</summary>
    public LoadedLatency Load()
    {
        var space = SearchSpaceRegistry.Get(Space);
        var path = LatencyPath ?? DatasetLocator.File(space.Name, "latency_ms.csv");
        if (LatencyPath is not null) RequireFile(LatencyPath, "latency");
        if (ArchitecturesPath is not null) RequireFile(ArchitecturesPath, "architectures");
        var sw = Stopwatch.StartNew();
        var table = WideTableReader.ReadLatency(path, space, ArchitecturesPath);
        sw.Stop();
        if (Devices is { Count: > 0 }) table = table.WithColumns(Devices);
        var notes = new List<string> { $"loaded {table.RowCount} architectures x {table.ColumnNames.Count} devices from {path} in {sw.Elapsed.TotalMilliseconds:0} ms" };
        notes.AddRange(table.MissingCounts.Where(p => p.Value > 0).Select(p => $"  {p.Key}: {p.Value} missing value(s) excluded for this device only"));
        var recorded = table.ColumnNames.ToArray();
        if (WithFlops) table = CostColumns.Add(table, space);
        return new LoadedLatency(space, table, recorded, path, sw.Elapsed, notes);
    }

    /// <summary>A path the user gave must name a file: a folder otherwise fails deep inside the reader with "access denied".</summary>
    public static void RequireFile(string path, string option)
    {
        if (Directory.Exists(path)) throw new InvalidOptionException(option, $"{OneProxyException.Quote(path, 200)} is a folder, not a CSV file");
        if (!File.Exists(path)) throw new InvalidOptionException(option, $"file not found: {OneProxyException.Quote(path, 200)}");
    }
}

/// <summary>A loaded latency table. <paramref name="Recorded"/> are the device columns of the file (the cost pseudo-devices excluded).</summary>
public sealed record LoadedLatency(ISearchSpace Space, WideTable Table, IReadOnlyList<string> Recorded, string Path, TimeSpan ParseTime, IReadOnlyList<string> Notes);

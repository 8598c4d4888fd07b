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
        var path = LatencyPath ?? DefaultPath(space);
        if (LatencyPath is not null) RequireFile(LatencyPath, "latency");
        if (ArchitecturesPath is not null) RequireFile(ArchitecturesPath, "architectures");
        var sw = Stopwatch.StartNew();
        // Only the chosen devices' values are parsed (and kept).
        var table = WideTableReader.ReadLatency(path, space, ArchitecturesPath, Devices is { Count: > 0 } ? Devices : null);
        sw.Stop();
        var notes = new List<string> { $"loaded {table.RowCount} architectures x {table.ColumnNames.Count} devices from {path} in {sw.Elapsed.TotalMilliseconds:0} ms" };
        notes.AddRange(table.MissingCounts.Where(p => p.Value > 0).Select(p => $"  {p.Key}: {p.Value} missing value(s) excluded for this device only"));
        var recorded = table.ColumnNames.ToArray();
        if (WithFlops) table = CostColumns.Add(table, space);
        return new LoadedLatency(space, table, recorded, path, sw.Elapsed, notes);
    }

    /// <summary>The dataset's latency_ms.csv; where the space has none, one line saying what to give instead.</summary>
    public static string DefaultPath(ISearchSpace space)
    {
        var path = System.IO.Path.Combine(DatasetLocator.Root, space.Name, "latency_ms.csv");
        if (!File.Exists(path))
            throw new InvalidOptionException("latency", $"no latency table for {space.Name} ({path} not found): give --latency CSV (a wide table from export or a published recording; search also takes --predictor P.json)");
        return path;
    }

    /// <summary>A path the user gave must name a file: a folder otherwise fails deep inside the reader with "access denied".</summary>
    public static void RequireFile(string path, string option)
    {
        if (Directory.Exists(path)) throw new InvalidOptionException(option, $"{OneProxyException.Quote(path, 200)} is a folder, not a CSV file");
        if (!File.Exists(path)) throw new InvalidOptionException(option, $"file not found: {OneProxyException.Quote(path, 200)}");
    }
}

/// <summary>
/// <paramref name="Sample"/> rows measured on every chosen device, drawn uniformly with
/// <paramref name="Rng"/> and read without parsing the others (<see cref="WideTableSampler"/>);
/// a file with quoted fields is read whole and sampled the way <c>ProxySelector.RankFromSample</c> does.
/// </summary>
public static class LatencySampling
{
    public static LoadedLatency LoadSample(this LatencyInput input, int sample, Random rng, CancellationToken cancel = default)
    {
        var space = SearchSpaceRegistry.Get(input.Space);
        var path = input.LatencyPath ?? LatencyInput.DefaultPath(space);
        var only = input.Devices is { Count: > 0 } ? input.Devices : null;
        var sw = Stopwatch.StartNew();
        string? header;
        using (var r = new StreamReader(path)) header = r.ReadLine();
        bool hasArch = header is not null && header.Split(',').Any(h => h.Trim() == WideTableReader.ArchColumn);
        // Beside the table: architectures.csv, else architectures.jsonl (HELP's OFA list), as WideTableReader.ReadLatency joins them.
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var archFile = input.ArchitecturesPath ?? (File.Exists(Path.Combine(folder, "architectures.csv"))
            ? Path.Combine(folder, "architectures.csv") : Path.Combine(folder, "architectures.jsonl"));
        if (input.ArchitecturesPath is not null && !File.Exists(archFile))
            throw new FileNotFoundException($"--architectures: file not found: {archFile}", archFile);
        var joined = !hasArch && File.Exists(archFile) ? WideTableReader.ReadArchitectureIndex(archFile, space) : null;
        var table = WideTableSampler.SampleComplete(path, ValueKind.LatencyMs, space, sample, rng, joined, only, cancel);
        string how = $"sampled {sample} complete rows";
        if (table is null)
        {
            // Quoted fields can span lines: read the file whole, then draw the rows.
            var whole = WideTableReader.ReadLatency(path, space, input.ArchitecturesPath, only);
            var rows = OneProxy.Monotonicity.ProxySelector.SampleCompleteRows(whole, sample, rng);
            table = whole.SelectRows(rows);
            how = $"read whole (quoted fields) and sampled {sample} complete rows";
        }
        sw.Stop();
        var notes = new List<string> { $"{how} x {table.ColumnNames.Count} devices from {path} in {sw.Elapsed.TotalMilliseconds:0} ms" };
        return new LoadedLatency(space, table, table.ColumnNames.ToArray(), path, sw.Elapsed, notes);
    }
}

/// <summary>A loaded latency table. <paramref name="Recorded"/> are the device columns of the file (the cost pseudo-devices excluded).</summary>
public sealed record LoadedLatency(ISearchSpace Space, WideTable Table, IReadOnlyList<string> Recorded, string Path, TimeSpan ParseTime, IReadOnlyList<string> Notes);

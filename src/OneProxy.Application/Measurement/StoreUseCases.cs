using OneProxy.Data;
using OneProxy.Measurement;
using OneProxy.SearchSpaces;

namespace OneProxy.Application.Measurement;

/// <summary><c>oneproxy import</c>: a wide latency CSV or an agent's saved output into the store, in one transaction.</summary>
public sealed record ImportRequest(string Space, string StorePath, MeasurementSetting Setting, string Runtime = "imported",
    string? LatencyPath = null, string? ArchitecturesPath = null, IReadOnlyList<string>? Devices = null, string? AgentOutputPath = null, string? Device = null)
{
    public ImportRequest Validate()
    {
        Require.That((LatencyPath is null) != (AgentOutputPath is null), "latency", "give --latency FILE or --agent-output FILE (not both)");
        Require.That(AgentOutputPath is null || Device is not null, "device", "--agent-output needs --device NAME");
        if (Device is not null) SafeName.Check(Device, "device"); // the name is stored, exported as a header and may become a file name
        Setting.Validated();
        return this;
    }
}

/// <summary><c>oneproxy export</c>: the store as the wide CSV every other command reads.</summary>
public sealed record ExportRequest(string Space, string StorePath, LatencyStatistic Statistic = LatencyStatistic.Median,
    IReadOnlyList<string>? Devices = null, bool Complete = false, string? JoinWith = null, MeasuredMetric Metric = MeasuredMetric.Latency);

public static class StoreUseCases
{
    /// <param name="phase">Told what runs now (reading, storing), for a progress display.</param>
    /// <returns>The summary line and one note per agent failure line (file:line).</returns>
    public static (string Summary, IReadOnlyList<string> Notes) Import(ImportRequest request, Action<string>? phase = null)
    {
        request.Validate();
        var s = SearchSpaceRegistry.Get(request.Space);
        IReadOnlyList<LatencyMeasurement> rows;
        string what;
        var notes = new List<string>();
        phase?.Invoke($"reading {request.AgentOutputPath ?? request.LatencyPath}");
        if (request.AgentOutputPath is string file)
        {
            var (measurements, failures) = AgentOutputFile.Read(file, s, request.Device!, request.Setting, request.Runtime);
            notes.AddRange(failures.Select(f => $"{file}:{f.Line}: agent could not measure {f.Architecture}: {f.Error}"));
            rows = measurements;
            what = $"{file} ({failures.Count} agent failure line(s) not stored)";
        }
        else
        {
            var table = WideTableReader.ReadLatency(request.LatencyPath!, s, request.ArchitecturesPath);
            if (request.Devices is { Count: > 0 }) table = table.WithColumns(request.Devices);
            rows = StoreTables.FromWideTable(table, s, request.Setting, request.Runtime);
            what = $"{request.LatencyPath} ({table.MissingCounts.Values.Sum()} missing cell(s) not stored)";
        }
        phase?.Invoke($"storing {rows.Count} measurement(s) in one transaction");
        using var store = MeasurementStore.Open(request.StorePath);
        var outcome = store.Insert(rows);
        return ($"imported {outcome.Inserted} measurement(s) from {what}; {outcome.Duplicates} already stored and kept; store {store.Path} holds {store.Count}", notes);
    }

    /// <returns>The CSV and a note saying what was exported.</returns>
    public static (string Csv, string Note) Export(ExportRequest request)
    {
        var writer = new StringWriter();
        var note = Export(request, writer);
        return (writer.ToString(), note);
    }

    /// <summary>Writes the CSV to <paramref name="writer"/> row by row (never as one string); returns the note.</summary>
    public static string Export(ExportRequest request, TextWriter writer)
    {
        var s = SearchSpaceRegistry.Get(request.Space);
        Require.That(request.Metric == MeasuredMetric.Latency || request.Statistic == LatencyStatistic.Median, "statistic",
            "applies to latency only: energy is one number per measurement");
        using var store = MeasurementStore.OpenForReading(request.StorePath);
        var table = StoreTables.ToWideTable(store, s, request.Statistic, request.Devices is { Count: > 0 } d ? [.. d] : null, request.Metric);
        if (request.JoinWith is string other) table = WideTableJoin.Inner(table, WideTableReader.ReadLatency(other, s));
        if (request.Complete) table = StoreTables.CompleteRows(table);
        WideCsvWriter.Write(table, s, writer);
        return $"exported {table.RowCount} architectures x {table.ColumnNames.Count} columns ({string.Join(", ", table.ColumnNames)})";
    }
}

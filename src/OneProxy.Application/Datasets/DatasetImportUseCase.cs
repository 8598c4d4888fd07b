using System.Globalization;
using OneProxy.Data;
using OneProxy.Data.Importers;
using OneProxy.Measurement;
using OneProxy.SearchSpaces;

namespace OneProxy.Application.Datasets;

/// <summary>
/// <c>oneproxy datasets import</c>: converts one public file into OneProxy's formats. Pickle and
/// torch.save files go through the Python converter (<see cref="PythonHelper"/>, a restricted
/// unpickler, never a shell); nn-Meter and JSON lines are read here. Every result is read back
/// through <see cref="WideTableReader"/>'s checks before it is written, so an import never
/// produces a file the other commands refuse.
/// </summary>
public static class DatasetImportUseCase
{
    public static DatasetImportResult Run(DatasetImportOptions options, CancellationToken cancel = default)
    {
        var o = options.Validated();
        return o.Format switch
        {
            ImportFormat.HelpLatency => ViaPython(o, ["help-latency", o.Input, "--devices", string.Join(",", o.Devices ?? [])], cancel),
            ImportFormat.HwNasBench => ViaPython(o, ["hw-nas-bench", o.Input, "--dataset", o.Dataset, "--metric", o.Metric], cancel),
            ImportFormat.HelpArchitectures => Architectures(o, cancel),
            ImportFormat.ArchitectureList => ArchitectureCsv(o, o.Input),
            ImportFormat.NnMeter => NnMeter(o),
            _ => throw new ArgumentOutOfRangeException(nameof(options), o.Format, "unknown format"),
        };
    }

    private static DatasetImportResult ViaPython(DatasetImportOptions o, List<string> args, CancellationToken cancel)
    {
        var temp = Path.Combine(Path.GetTempPath(), $"oneproxy-import-{Guid.NewGuid():N}.csv");
        try
        {
            args.AddRange(["--out", temp]);
            var summary = PythonHelper.Run(args, cancel: cancel);
            var archs = o.Architectures is null ? null : WideTableReader.ReadArchitectureIndex(o.Architectures, o.SearchSpace!);
            WideTable table;
            using (var reader = new StreamReader(temp))
                table = WideTableReader.Read(reader, $"{o.Input} (converted)", ValueKind.LatencyMs, o.SearchSpace, archs);
            WideCsvOutput.Write(table, o.SearchSpace, o.Output);
            return Result(o, table, [$"converter: {summary}"]);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    private static DatasetImportResult Architectures(DatasetImportOptions o, CancellationToken cancel)
    {
        var jsonl = Path.ChangeExtension(o.Output, ".jsonl");
        var summary = PythonHelper.Run(["torch-archs", o.Input, "--out", jsonl], cancel: cancel);
        if (Path.GetExtension(o.Output).Equals(".jsonl", StringComparison.OrdinalIgnoreCase))
        {
            int n = ArchitectureListReader.ReadIndex(jsonl, o.SearchSpace!).Count;  // every line parses in the space
            return new DatasetImportResult(o.Output, n, [], [$"converter: {summary}"]);
        }
        try { return ArchitectureCsv(o, jsonl) with { Notes = [$"converter: {summary}"] }; }
        finally { File.Delete(jsonl); }
    }

    /// <summary>An architecture list (JSON lines or CSV) as <c>index,arch</c> CSV in the space's text form.</summary>
    private static DatasetImportResult ArchitectureCsv(DatasetImportOptions o, string list)
    {
        var space = o.SearchSpace!;
        var map = WideTableReader.ReadArchitectureIndex(list, space);
        var tmp = o.Output + ".partial";
        using (var w = new StreamWriter(tmp))
        using (var csv = CsvHelper.CsvWriter.Create(w, new CsvHelper.CsvWriterOptions { NewLine = "\n" }, true))
        {
            csv.WriteField(WideTableReader.IndexColumn); csv.WriteField(WideTableReader.ArchColumn); csv.EndRecord();
            foreach (var (index, arch) in map.OrderBy(p => p.Key))
            {
                csv.WriteField(index.ToString(CultureInfo.InvariantCulture)); csv.WriteField(space.Format(arch)); csv.EndRecord();
            }
            csv.Flush();
        }
        File.Move(tmp, o.Output, overwrite: true);
        return new DatasetImportResult(o.Output, map.Count, [], []);
    }

    private static DatasetImportResult NnMeter(DatasetImportOptions o)
    {
        var (table, models) = NnMeterReader.Read(o.Input);
        WideCsvOutput.Write(table, null, o.Output);
        var names = Path.ChangeExtension(o.Output, ".models.csv");
        using (var w = new StreamWriter(names))
        using (var csv = CsvHelper.CsvWriter.Create(w, new CsvHelper.CsvWriterOptions { NewLine = "\n" }, true))
        {
            csv.WriteField(WideTableReader.IndexColumn); csv.WriteField("model"); csv.EndRecord();
            for (int i = 0; i < models.Count; i++) { csv.WriteField(i.ToString(CultureInfo.InvariantCulture)); csv.WriteField(models[i]); csv.EndRecord(); }
            csv.Flush();
        }
        return Result(o, table, [$"model names by index in {names}"]);
    }

    private static DatasetImportResult Result(DatasetImportOptions o, WideTable table, List<string> notes)
    {
        notes.AddRange(table.MissingCounts.Where(p => p.Value > 0).Select(p => $"  {p.Key}: {p.Value} missing value(s)"));
        return new DatasetImportResult(o.Output, table.RowCount, table.ColumnNames, notes);
    }
}

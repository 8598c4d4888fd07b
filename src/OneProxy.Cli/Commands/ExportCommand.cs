using System.CommandLine;
using OneProxy.Data;
using OneProxy.Measurement;
using OneProxy.SearchSpaces;

namespace OneProxy.Cli.Commands;

/// <summary><c>oneproxy export</c>: the store as the wide CSV every other command reads.</summary>
public static class ExportCommand
{
    public static Command Create()
    {
        var space = CommonOptions.Space();
        var store = StoreOptions.Store();
        var devices = CommonOptions.Devices();
        var statistic = new Option<string>("--statistic") { Description = "median, mean, or min (the fastest run: steadiest on shared machines)", DefaultValueFactory = _ => "median" }.AcceptOnlyFromAmong("median", "mean", "min");
        var metric = new Option<string>("--metric") { Description = "latency (ms) or energy (mJ per inference, where the agent measured it)", DefaultValueFactory = _ => "latency" }.AcceptOnlyFromAmong("latency", "energy");
        var complete = new Option<bool>("--complete") { Description = "Only architectures measured on every exported device" };
        var join = new Option<string?>("--join-with")
        {
            Description = "Inner-join with this wide latency CSV on the architecture (e.g. a public dataset), to compare a measured device with published ones",
        };
        var output = CommonOptions.Output();
        var cmd = new Command("export",
            "Write stored latencies (or, with --metric energy, energies per inference) as a wide CSV: arch, then one column per device (a device measured under several settings gets one column per setting).\n" +
            "Example: oneproxy export --space mobilenetv2 --store measurements.db -o latency.csv")
        {
            space, store, devices, statistic, metric, complete, join, output,
        };
        cmd.SetAction(CommandRunner.Guarded(parse =>
        {
            var s = SearchSpaceRegistry.Get(parse.GetValue(space)!);
            using var st = MeasurementStore.OpenForReading(parse.GetValue(store)!);
            var selected = parse.GetValue(devices);
            var stat = parse.GetValue(statistic) switch { "mean" => LatencyStatistic.Mean, "min" => LatencyStatistic.Min, _ => LatencyStatistic.Median };
            var m = parse.GetValue(metric) == "energy" ? MeasuredMetric.Energy : MeasuredMetric.Latency;
            if (m == MeasuredMetric.Energy && stat != LatencyStatistic.Median)
                throw new ArgumentException("--statistic applies to latency only: energy is one number per measurement");
            var table = StoreTables.ToWideTable(st, s, stat, selected is { Length: > 0 } ? selected : null, m);
            if (parse.GetValue(join) is string other) table = WideTableJoin.Inner(table, WideTableReader.ReadLatency(other, s));
            if (parse.GetValue(complete)) table = StoreTables.CompleteRows(table);
            var writer = new StringWriter();
            WideCsvWriter.Write(table, s, writer);
            CommonOptions.Emit(parse, output, writer.ToString());
            parse.InvocationConfiguration.Error.WriteLine($"exported {table.RowCount} architectures x {table.ColumnNames.Count} columns ({string.Join(", ", table.ColumnNames)})");
            return 0;
        }));
        return cmd;
    }
}

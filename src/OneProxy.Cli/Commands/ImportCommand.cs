using System.CommandLine;
using OneProxy.Data;
using OneProxy.Measurement;
using OneProxy.SearchSpaces;

namespace OneProxy.Cli.Commands;

/// <summary><c>oneproxy import</c>: wide latency CSV or saved agent output into the store.</summary>
public static class ImportCommand
{
    public static Command Create()
    {
        var space = CommonOptions.Space();
        var store = StoreOptions.Store();
        var latency = new Option<string?>("--latency", "-l") { Description = "Wide latency CSV (index and/or arch, one column per device)" };
        var archs = CommonOptions.Architectures();
        var devices = CommonOptions.Devices();
        var agentOutput = new Option<string?>("--agent-output") { Description = "An agent's saved JSON-lines output (needs --device)" };
        var device = new Option<string?>("--device") { Description = "Device name for --agent-output" };
        var batch = new Option<int>("--batch") { Description = "Batch size of the imported numbers (0 = unknown; agent output carries its own)", DefaultValueFactory = _ => 0 };
        var threads = new Option<int>("--threads") { Description = "Threads (0 = unknown)", DefaultValueFactory = _ => 0 };
        var input = new Option<int>("--input") { Description = "Input resolution (0 = unknown)", DefaultValueFactory = _ => 0 };
        var runtime = new Option<string>("--runtime") { Description = "Runtime label stored with CSV values", DefaultValueFactory = _ => "imported" };
        var cmd = new Command("import",
            "Store latencies from a wide CSV or from an agent's saved output, in one transaction: a bad row stores nothing. Values already stored are kept and counted as duplicates.\n" +
            "Examples: oneproxy import --space nasbench201 --latency latency_ms.csv --store m.db\n" +
            "          oneproxy import --space mobilenetv2 --agent-output h100.jsonl --device h100_b1 --store m.db")
        {
            space, store, latency, archs, devices, agentOutput, device, batch, threads, input, runtime,
        };
        cmd.SetAction(CommandRunner.Guarded(parse =>
        {
            var s = SearchSpaceRegistry.Get(parse.GetValue(space)!);
            var setting = new MeasurementSetting(parse.GetValue(batch), parse.GetValue(threads), parse.GetValue(input)).Validated();
            IReadOnlyList<LatencyMeasurement> rows;
            string what;
            if (parse.GetValue(agentOutput) is string file)
            {
                if (parse.GetValue(latency) is not null) throw new UnusableDataException("give --latency or --agent-output, not both");
                var name = parse.GetValue(device) ?? throw new UnusableDataException("--agent-output needs --device NAME");
                var (measurements, failures) = AgentOutputFile.Read(file, s, name, setting, parse.GetValue(runtime));
                foreach (var f in failures) parse.InvocationConfiguration.Error.WriteLine($"{file}:{f.Line}: agent could not measure {f.Architecture}: {f.Error}");
                rows = measurements;
                what = $"{file} ({failures.Count} agent failure line(s) not stored)";
            }
            else
            {
                var path = parse.GetValue(latency) ?? throw new UnusableDataException("give --latency FILE or --agent-output FILE");
                var table = WideTableReader.ReadLatency(path, s, parse.GetValue(archs));
                var selected = parse.GetValue(devices);
                if (selected is { Length: > 0 }) table = table.WithColumns(selected);
                rows = StoreTables.FromWideTable(table, s, setting, parse.GetValue(runtime)!);
                what = $"{path} ({table.MissingCounts.Values.Sum()} missing cell(s) not stored)";
            }
            using var st = MeasurementStore.Open(parse.GetValue(store)!);
            var outcome = st.Insert(rows);
            parse.InvocationConfiguration.Output.WriteLine(
                $"imported {outcome.Inserted} measurement(s) from {what}; {outcome.Duplicates} already stored and kept; store {st.Path} holds {st.Count}");
            return 0;
        }));
        return cmd;
    }
}

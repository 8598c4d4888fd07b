using System.CommandLine;
using OneProxy.Application.Measurement;
using OneProxy.Cli.Output;
using OneProxy.Measurement;

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
            var request = new ImportRequest(parse.GetValue(space)!, parse.GetValue(store)!,
                new MeasurementSetting(parse.GetValue(batch), parse.GetValue(threads), parse.GetValue(input)), parse.GetValue(runtime)!,
                parse.GetValue(latency), parse.GetValue(archs), parse.GetValue(devices), parse.GetValue(agentOutput), parse.GetValue(device));
            var (summary, notes) = ProgressBar.Phases(parse, "importing", phase => StoreUseCases.Import(request, phase));
            Log.Write(parse, notes);
            parse.InvocationConfiguration.Output.WriteLine(summary);
            return 0;
        }));
        return cmd;
    }
}

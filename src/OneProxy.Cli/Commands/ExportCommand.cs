using System.CommandLine;
using OneProxy.Application.Measurement;
using OneProxy.Measurement;

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
            var stat = parse.GetValue(statistic) switch { "mean" => LatencyStatistic.Mean, "min" => LatencyStatistic.Min, _ => LatencyStatistic.Median };
            var request = new ExportRequest(parse.GetValue(space)!, parse.GetValue(store)!, stat, parse.GetValue(devices), parse.GetValue(complete), parse.GetValue(join),
                parse.GetValue(metric) == "energy" ? MeasuredMetric.Energy : MeasuredMetric.Latency);
            var note = CommonOptions.Stream(parse, output, writer => StoreUseCases.Export(request, writer));
            parse.InvocationConfiguration.Error.WriteLine(note);
            return 0;
        }));
        return cmd;
    }
}

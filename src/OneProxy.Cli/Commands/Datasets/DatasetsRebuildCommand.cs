using System.CommandLine;
using OneProxy.Application.Datasets;

namespace OneProxy.Cli.Commands.Datasets;

/// <summary><c>oneproxy datasets rebuild</c>: the shared datasets folder from HELP's data/ and HW-NAS-Bench's pickle.</summary>
public static class DatasetsRebuildCommand
{
    public static Command Create()
    {
        var help = new Option<string>("--help-data") { Description = "HELP's data/ folder (nasbench201/, fbnet/, ofa/ with latency/*.pt and the architecture files)", Required = true };
        var hw = new Option<string?>("--hw-nas-bench") { Description = "HW-NAS-Bench-v1_0.pickle: adds nasbench201/hw_nas_bench_{latency_ms,energy_mj}.csv" };
        var acc = new Option<string?>("--accuracies") { Description = "CSV with index, arch and NAS-Bench-201 accuracy columns to join into nasbench201/architectures.csv (arch strings must agree)" };
        var output = new Option<string>("--output", "-o") { Description = "Folder to write (e.g. a new datasets folder; point ONEPROXY_DATA at it)", Required = true };
        var cmd = new Command("rebuild",
            "Rebuild the datasets folder from the public files (see README, Datasets). Example:\n" +
            "  oneproxy datasets rebuild --help-data HELP/data --hw-nas-bench HW-NAS-Bench-v1_0.pickle -o datasets")
        {
            help, hw, acc, output,
        };
        cmd.SetAction(CommandRunner.Guarded((parse, cancel) =>
        {
            var err = parse.InvocationConfiguration.Error;
            var r = DatasetRebuildUseCase.Run(new DatasetRebuildOptions(parse.GetValue(help)!, parse.GetValue(output)!, parse.GetValue(hw), parse.GetValue(acc)),
                line => err.WriteLine(line), cancel);
            foreach (var f in r.Files)
                parse.InvocationConfiguration.Output.WriteLine($"{f.Output}: {f.Rows} rows" + (f.Devices.Count > 0 ? $" x {f.Devices.Count} columns" : ""));
            return 0;
        }));
        return cmd;
    }
}

using System.CommandLine;
using OneProxy.Application.Datasets;

namespace OneProxy.Cli.Commands.Datasets;

/// <summary><c>oneproxy datasets import</c>: one public file into a wide CSV or an architecture list.</summary>
public static class DatasetsImportCommand
{
    public static Command Create()
    {
        var format = new Option<string>("--format") { Description = $"Input format: {string.Join(", ", ImportFormats.ByName.Keys)}", Required = true };
        var input = new Option<string>("--input", "-i") { Description = "Input file (HELP latencies: the folder of <device>.pt files)", Required = true };
        var output = new Option<string>("--output", "-o") { Description = "Output: wide CSV (latencies), .csv or .jsonl (architecture lists)", Required = true };
        var space = new Option<string?>("--space", "-s") { Description = "Search space that checks the architectures (needed for architecture lists)" };
        var archs = new Option<string?>("--architectures") { Description = "Architecture list (CSV or JSON lines) joined by index, so the output has an arch column" };
        var devices = CommonOptions.Devices();
        devices.Description = "HELP: only these <device>.pt files (default: all)";
        var dataset = new Option<string>("--dataset") { Description = "HW-NAS-Bench: dataset entry (cifar10, cifar100, ImageNet16-120)", DefaultValueFactory = _ => "cifar10" };
        var metric = new Option<string>("--metric") { Description = "HW-NAS-Bench: latency (ms) or energy (mJ)", DefaultValueFactory = _ => "latency" };
        var cmd = new Command("import",
            "Convert one public file. Examples:\n" +
            "  oneproxy datasets import --format help-latency -i HELP/data/nasbench201/latency -o latency_ms.csv\n" +
            "  oneproxy datasets import --format help-archs -i HELP/data/ofa/ofa_archs.pt --space ofa-mbv3 -o architectures.jsonl\n" +
            "  oneproxy datasets import --format hw-nas-bench -i HW-NAS-Bench-v1_0.pickle --metric energy -o energy_mj.csv\n" +
            "  oneproxy datasets import --format nn-meter -i alexnets.jsonl -o nnmeter_latency.csv")
        {
            format, input, output, space, archs, devices, dataset, metric,
        };
        cmd.SetAction(CommandRunner.Guarded((parse, cancel) =>
        {
            var r = DatasetImportUseCase.Run(new DatasetImportOptions(ImportFormats.Parse(parse.GetValue(format)!), parse.GetValue(input)!,
                parse.GetValue(output)!, parse.GetValue(space), parse.GetValue(archs), parse.GetValue(devices), parse.GetValue(dataset)!,
                parse.GetValue(metric)!), cancel);
            Log.Write(parse, r.Notes);
            parse.InvocationConfiguration.Output.WriteLine(r.Devices.Count > 0
                ? $"wrote {r.Output}: {r.Rows} rows x {r.Devices.Count} columns ({string.Join(", ", r.Devices)})"
                : $"wrote {r.Output}: {r.Rows} architectures");
            return 0;
        }));
        return cmd;
    }
}

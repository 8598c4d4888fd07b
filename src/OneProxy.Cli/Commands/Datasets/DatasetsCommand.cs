using System.CommandLine;

namespace OneProxy.Cli.Commands.Datasets;

/// <summary><c>oneproxy datasets</c>: the field's public latency files into OneProxy's formats.</summary>
public static class DatasetsCommand
{
    public static Command Create()
    {
        var cmd = new Command("datasets",
            "Convert public latency files (HELP's .pt files, HW-NAS-Bench's pickle, nn-Meter's CSV/JSON lines, JSON-lines " +
            "architecture lists) into wide CSVs, or rebuild the shared datasets folder from them. Pickle and torch.save files are " +
            "read by scripts/oneproxy_import.py with a restricted unpickler (/usr/bin/python3; torch for .pt files: agents/setup.sh).");
        cmd.Subcommands.Add(DatasetsImportCommand.Create());
        cmd.Subcommands.Add(DatasetsRebuildCommand.Create());
        return cmd;
    }
}

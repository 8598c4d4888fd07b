using System.CommandLine;

namespace OneProxy.Cli.Commands.Aquaman;

/// <summary><c>oneproxy aquaman ...</c>: QoE-driven model selection with delayed feedback (thesis chapter 2).</summary>
public static class AquamanCommand
{
    public static Command Create()
    {
        var cmd = new Command("aquaman", "Aquaman: pick the DNN with the best quality of experience per device, learning online from delayed QoE feedback (neural contextual bandit)");
        cmd.Subcommands.Add(AquamanSimulateCommand.Create());
        cmd.Subcommands.Add(AquamanBenchCommand.Create());
        cmd.Subcommands.Add(AquamanOfflineCommand.Create());
        cmd.Subcommands.Add(AquamanPlotCommand.Create());
        return cmd;
    }

    /// <summary>Parses "aquaman,static" into policies; an unknown name is a parse error naming the flag.</summary>
    public static OneProxy.Aquaman.Evaluation.PolicyKind[] PolicyList(System.CommandLine.Parsing.ArgumentResult r)
    {
        var result = new List<OneProxy.Aquaman.Evaluation.PolicyKind>();
        foreach (var v in CommonOptions.CommaList(r))
        {
            if (OneProxy.Aquaman.Evaluation.Factories.TryParsePolicy(v, out var k)) result.Add(k);
            else r.AddError($"--policies: unknown policy '{v}' (expected {string.Join(", ", Enum.GetValues<OneProxy.Aquaman.Evaluation.PolicyKind>().Select(OneProxy.Aquaman.Evaluation.Factories.Name))})");
        }
        return [.. result];
    }
}

using System.CommandLine;

namespace OneProxy.Cli.Commands.Energy;

/// <summary><c>oneproxy energy</c>: chapter 1's energy work (two constraints, gradient search, learning to optimize).</summary>
public static class EnergyCommand
{
    public static Command Create()
    {
        var cmd = new Command("energy", "Energy as a second constraint (thesis chapter 1): two-constraint search over (t1, t2); measured energy figures.");
        cmd.Subcommands.Add(EnergyConstrainCommand.Create());
        cmd.Subcommands.Add(EnergyGradientSearchCommand.Create());
        cmd.Subcommands.Add(EnergyPlotCommand.Create());
        return cmd;
    }
}

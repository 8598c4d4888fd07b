using System.CommandLine;

namespace OneProxy.Cli.Commands.Accelerator;

/// <summary><c>oneproxy accelerator</c>: the MAESTRO-style accelerator cost model (cost, sweep).</summary>
public static class AcceleratorCommand
{
    public static Command Create()
    {
        // The co-design spaces live in OneProxy.Accelerators; registering them here lets every
        // command (monotonicity, adapt, search, ...) read tables keyed by their architectures.
        OneProxy.SearchSpaces.AcceleratorSpaces.Register();
        var cmd = new Command("accelerator", "Cycles and energy of CNNs on accelerator designs (a C# reimplementation of MAESTRO's cost model)");
        cmd.Subcommands.Add(AcceleratorCostCommand.Create());
        cmd.Subcommands.Add(AcceleratorSweepCommand.Create());
        cmd.Subcommands.Add(AcceleratorMixedCommand.Create());
        return cmd;
    }
}

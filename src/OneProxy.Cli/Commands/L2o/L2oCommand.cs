using System.CommandLine;

namespace OneProxy.Cli.Commands.L2o;

/// <summary><c>oneproxy l2o</c>: learning to optimize (thesis chapter 1, Approach 2).</summary>
public static class L2oCommand
{
    public static Command Create() => new("l2o", "Learning to optimize: performance networks Latency(x; d), Energy(x; d) and an optimizer network x̂(d, λ) that maps a new device to a design without search")
    {
        L2oTrainCommand.Create(),
        L2oEvaluateCommand.Create(),
        L2oPlotCommand.Create(),
    };
}

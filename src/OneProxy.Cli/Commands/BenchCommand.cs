using System.CommandLine;
using OneProxy.Application.Bench;
using OneProxy.Cli.Output;

namespace OneProxy.Cli.Commands;

/// <summary><c>oneproxy bench ...</c>: speed and accuracy benchmarks (never timed unit tests).</summary>
public static class BenchCommand
{
    public static Command Create()
    {
        var bench = new Command("bench", "Benchmarks: speed and quality numbers reported in docs/");
        bench.Subcommands.Add(Srcc());
        bench.Subcommands.Add(BenchSrccScaleCommand.Create());
        bench.Subcommands.Add(BenchAdaptCommand.Create());
        bench.Subcommands.Add(BenchTransferCommand.Create());
        bench.Subcommands.Add(BenchSearchCommand.Create());
        bench.Subcommands.Add(Service.BenchServeCommand.Create());
        return bench;
    }

    private static Command Srcc()
    {
        var data = new LatencyOptions();
        var repeat = new Option<int>("--repeat") { Description = "Timed repetitions after one warm-up", DefaultValueFactory = _ => 20 };
        var cmd = new Command("srcc", "Time CSV parsing and the full SRCC matrix separately (median of --repeat runs after a warm-up)");
        cmd.With(data.All, [repeat]);
        cmd.SetAction(CommandRunner.Guarded((parse, cancellation) =>
        {
            foreach (var line in ProgressBar.Run(parse, "timing", p => BenchSpeedUseCases.Srcc(new BenchSrccRequest(data.Bind(parse), parse.GetValue(repeat)), cancellation, p)))
                parse.InvocationConfiguration.Output.WriteLine(line);
            return 0;
        }));
        return cmd;
    }
}

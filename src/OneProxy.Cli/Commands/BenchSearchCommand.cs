using System.CommandLine;
using OneProxy.Application.Bench;

using OneProxy.Cli.Output;

namespace OneProxy.Cli.Commands;

/// <summary><c>oneproxy bench search</c>: wall time of one evolutionary run (predictor evaluation included), a full t-sweep, NSGA-II and exhaustive search.</summary>
public static class BenchSearchCommand
{
    public static Command Create()
    {
        var data = new LatencyOptions();
        var accuracy = new AccuracyOptions();
        var device = new Option<string>("--device") { Description = "Latency predictor: least squares on this column", DefaultValueFactory = _ => "pixel3" };
        var runs = new Option<int>("--runs") { Description = "Timed repetitions (after one warm-up)", DefaultValueFactory = _ => 5 };
        var sweep = new Option<int>("--sweep") { Description = "Values of t in the sweep", DefaultValueFactory = _ => 21 };
        var cmd = new Command("search", "Search speed: one evolutionary run (population 1000, 50 generations), the t-sweep, NSGA-II, exhaustive.");
        cmd.With(data.All, accuracy.All, [device, runs, sweep]);
        cmd.SetAction(CommandRunner.Guarded((parse, cancellation) =>
        {
            var request = new BenchSearchRequest(data.Bind(parse), accuracy.Bind(parse), parse.GetValue(device)!, parse.GetValue(runs), parse.GetValue(sweep));
            var lines = ProgressBar.Run(parse, "timing searches", p => BenchSpeedUseCases.Search(request, cancellation, p));
            foreach (var line in lines) parse.InvocationConfiguration.Output.WriteLine(line);
            return 0;
        }));
        return cmd;
    }
}

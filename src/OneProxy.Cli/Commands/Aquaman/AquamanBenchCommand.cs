using System.CommandLine;
using OneProxy.Aquaman.Evaluation;

namespace OneProxy.Cli.Commands.Aquaman;

/// <summary><c>oneproxy aquaman bench</c>: decision, Z-update and retraining times (the speed goals).</summary>
public static class AquamanBenchCommand
{
    public static Command Create()
    {
        var arms = new Option<int>("--arms") { Description = "Arms per decision", DefaultValueFactory = _ => 15 };
        var decisions = new Option<int>("--decisions") { Description = "Timed decisions per setting", DefaultValueFactory = _ => 2000 };
        var warm = new Option<int>("--warm-feedbacks") { Description = "Feedbacks added (and timed) before decisions are timed", DefaultValueFactory = _ => 2000 };
        var feedbacks = new Option<int>("--training-feedbacks") { Description = "Distinct feedbacks of the timed retraining", DefaultValueFactory = _ => 20_000 };
        var epochs = new Option<int>("--epochs") { Description = "Epochs of the timed retraining", DefaultValueFactory = _ => 100 };
        var widths = new Option<int[]>("--widths") { Description = "Hidden widths to time (comma-separated)", DefaultValueFactory = _ => [16, 32], CustomParser = CommonOptions.IntList };
        var simulation = new Option<int>("--simulation-rounds") { Description = "Rounds of the timed full simulations (thesis, synthetic; 0 = skip)", DefaultValueFactory = _ => 20_000 };
        var seed = CommonOptions.Seed();
        var format = CommonOptions.Format();
        var cmd = new Command("bench", "Time one decision (diagonal vs dense Z), one Z update and one retraining on this machine")
        {
            arms, decisions, warm, feedbacks, epochs, widths, simulation, seed, format,
        };
        cmd.SetAction(CommandRunner.Guarded(parse =>
        {
            var options = new BenchOptions
            {
                Arms = parse.GetValue(arms), Decisions = parse.GetValue(decisions), WarmFeedbacks = parse.GetValue(warm),
                TrainingFeedbacks = parse.GetValue(feedbacks), Epochs = parse.GetValue(epochs), Widths = parse.GetValue(widths)!, SimulationRounds = parse.GetValue(simulation), Seed = parse.GetValue(seed),
            }.Validated();
            var rows = AquamanBench.Run(options);
            parse.InvocationConfiguration.Output.Write(OneProxy.Aquaman.Reports.BenchTables.Format(rows, parse.GetValue(format) == "csv"));
            return 0;
        }));
        return cmd;
    }
}

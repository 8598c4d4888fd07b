using System.CommandLine;
using OneProxy.Application.Predictors;

namespace OneProxy.Cli.Commands;

/// <summary><c>oneproxy fit-accuracy</c>: train the MLP accuracy predictor from (architecture, accuracy) pairs and save it as JSON.</summary>
public static class FitAccuracyCommand
{
    public static Command Create()
    {
        var space = CommonOptions.Space();
        var accuracy = new AccuracyOptions();
        var sample = new Option<int?>("--sample", "-k") { Description = "Train on this many random pairs; the rest are held out and reported (default: all)" };
        var hidden = new Option<int[]>("--hidden")
        {
            Description = "Hidden layer sizes, comma-separated",
            DefaultValueFactory = _ => [64, 64],
            CustomParser = CommonOptions.IntList,
        };
        var epochs = new Option<int>("--epochs") { Description = "Most training epochs (early stopping on a 10% validation split)", DefaultValueFactory = _ => 300 };
        var seed = CommonOptions.Seed();
        var output = new Option<string>("--output", "-o") { Description = "Predictor JSON file to write", Required = true };
        var cmd = new Command("fit-accuracy",
            "Train a small MLP from architecture encodings to accuracy (for spaces too large to tabulate) and save it as versioned JSON; search takes it with --accuracy-predictor.\n" +
            "Example: oneproxy fit-accuracy --space nasbench201 --sample 1000 --seed 0 -o acc.json");
        cmd.With([space], accuracy.All, [sample, hidden, epochs, seed, output]);
        cmd.SetAction(CommandRunner.Guarded(parse =>
        {
            var r = FitAccuracyUseCase.Run(new FitAccuracyRequest(parse.GetValue(space)!, accuracy.Bind(parse), parse.GetValue(output)!,
                parse.GetValue(sample), parse.GetValue(hidden), parse.GetValue(epochs), parse.GetValue(seed)));
            foreach (var line in FitAccuracyUseCase.Text(r)) parse.InvocationConfiguration.Output.WriteLine(line);
            return 0;
        }));
        return cmd;
    }
}

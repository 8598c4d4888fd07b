using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using OneProxy.Accuracy;
using OneProxy.Data;
using OneProxy.Monotonicity;
using OneProxy.SearchSpaces;

namespace OneProxy.Cli.Commands;

/// <summary><c>oneproxy fit-accuracy</c>: train the MLP accuracy predictor from (architecture, accuracy) pairs and save it as JSON.</summary>
public static class FitAccuracyCommand
{
    public static Command Create()
    {
        var space = CommonOptions.Space();
        var accuracy = CommonOptions.Accuracy();
        var column = CommonOptions.AccuracyColumn();
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
            "Example: oneproxy fit-accuracy --space nasbench201 --sample 1000 --seed 0 -o acc.json")
        {
            space, accuracy, column, sample, hidden, epochs, seed, output,
        };
        cmd.SetAction(CommandRunner.Guarded(parse =>
        {
            var s = SearchSpaceRegistry.Get(parse.GetValue(space)!);
            var path = parse.GetValue(accuracy) ?? DatasetLocator.File(s.Name, "architectures.csv");
            var table = WideTableReader.Read(path, ValueKind.AccuracyPercent, s);
            var col = table.Column(parse.GetValue(column)!).ToArray();
            var archs = table.RequireArchitectures();
            var rows = WideTable.MeasuredRows(col);
            var rng = new Random(parse.GetValue(seed));
            int k = parse.GetValue(sample) ?? rows.Length;
            if (k < 10 || k > rows.Length) throw new UnusableDataException($"--sample must be in [10, {rows.Length}], got {k}");
            SrccEstimator.PartialShuffle(rows, k, rng);
            var train = rows[..k];
            var held = rows[k..];
            var sw = Stopwatch.StartNew();
            var model = MlpTrainer.Train(s, train.Select(i => archs[i]).ToList(), train.Select(i => col[i]).ToList(),
                new MlpOptions { HiddenLayers = parse.GetValue(hidden)!, MaxEpochs = parse.GetValue(epochs) }, rng);
            sw.Stop();
            MlpFile.Save(parse.GetValue(output)!, model, s);
            var o = parse.InvocationConfiguration.Output;
            var inv = CultureInfo.InvariantCulture;
            o.WriteLine(string.Create(inv, $"trained {model.Name} on {k} pairs of {path} ({parse.GetValue(column)}) in {sw.Elapsed.TotalSeconds:0.0} s; wrote {parse.GetValue(output)}"));
            if (held.Length >= 2)
            {
                var pred = model.PredictAll(held.Select(i => archs[i]).ToList());
                var truth = held.Select(i => col[i]).ToArray();
                double rmse = Math.Sqrt(pred.Zip(truth, (p, t) => (p - t) * (p - t)).Average());
                o.WriteLine(string.Create(inv, $"held out ({held.Length}): SRCC {Spearman.Correlation(pred, truth):0.0000}, RMSE {rmse:0.000} points"));
            }
            return 0;
        }));
        return cmd;
    }
}

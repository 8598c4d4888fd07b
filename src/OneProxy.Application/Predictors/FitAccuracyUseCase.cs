using System.Diagnostics;
using OneProxy.Accuracy;
using OneProxy.Data;
using OneProxy.Monotonicity;
using OneProxy.SearchSpaces;

namespace OneProxy.Application.Predictors;

/// <summary><c>oneproxy fit-accuracy</c>: the MLP accuracy predictor from (architecture, accuracy) pairs, saved as JSON.</summary>
public sealed record FitAccuracyRequest(string Space, AccuracyInput Accuracy, string OutputPath, int? Sample = null, IReadOnlyList<int>? Hidden = null, int Epochs = 300, int Seed = 0)
{
    public FitAccuracyRequest Validate()
    {
        Require.That(OutputPath.Length > 0, "output", "give the file to write");
        Require.AtLeast(Epochs, 1, "epochs");
        foreach (var h in Hidden ?? []) Require.AtLeast(h, 1, "hidden");
        return this;
    }
}

public sealed record FitAccuracyReport(string ModelName, int Trained, string Source, string Column, TimeSpan Elapsed, string OutputPath,
    int HeldOut, double HeldOutSrcc, double HeldOutRmse);

public static class FitAccuracyUseCase
{
    /// <summary>One random stream drives the split and the training, as before, so earlier models reproduce.</summary>
    public static FitAccuracyReport Run(FitAccuracyRequest request)
    {
        request.Validate();
        var s = SearchSpaceRegistry.Get(request.Space);
        var (table, path) = request.Accuracy.ReadTable(s, AccuracyInput.PairsAlternative);
        var col = table.Column(request.Accuracy.Column).ToArray();
        var archs = table.RequireArchitectures();
        var rows = WideTable.MeasuredRows(col);
        var rng = new Random(request.Seed);
        int k = request.Sample ?? rows.Length;
        Require.InRange(k, 10, rows.Length, "sample");
        SrccEstimator.PartialShuffle(rows, k, rng);
        var (train, held) = (rows[..k], rows[k..]);
        var sw = Stopwatch.StartNew();
        var model = MlpTrainer.Train(s, train.Select(i => archs[i]).ToList(), train.Select(i => col[i]).ToList(),
            new MlpOptions { HiddenLayers = [.. request.Hidden ?? [64, 64]], MaxEpochs = request.Epochs }, rng);
        sw.Stop();
        MlpFile.Save(request.OutputPath, model, s);
        double srcc = double.NaN, rmse = double.NaN;
        if (held.Length >= 2)
        {
            var pred = model.PredictAll(held.Select(i => archs[i]).ToList());
            var truth = held.Select(i => col[i]).ToArray();
            rmse = Math.Sqrt(pred.Zip(truth, (p, t) => (p - t) * (p - t)).Average());
            srcc = Spearman.Correlation(pred, truth);
        }
        return new FitAccuracyReport(model.Name, k, path, request.Accuracy.Column, sw.Elapsed, request.OutputPath, held.Length, srcc, rmse);
    }

    public static IEnumerable<string> Text(FitAccuracyReport r)
    {
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        yield return string.Create(inv, $"trained {r.ModelName} on {r.Trained} pairs of {r.Source} ({r.Column}) in {r.Elapsed.TotalSeconds:0.0} s; wrote {r.OutputPath}");
        if (r.HeldOut >= 2) yield return string.Create(inv, $"held out ({r.HeldOut}): SRCC {r.HeldOutSrcc:0.0000}, RMSE {r.HeldOutRmse:0.000} points");
    }
}

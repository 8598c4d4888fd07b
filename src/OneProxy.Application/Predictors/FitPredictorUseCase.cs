using OneProxy.Data;
using OneProxy.Monotonicity;
using OneProxy.Predictors;
using OneProxy.Reports;

namespace OneProxy.Application.Predictors;

/// <summary><c>oneproxy fit-predictor</c>: a linear predictor per device, saved as JSON, with fit and held-out quality.</summary>
public sealed record FitPredictorRequest(LatencyInput Latency, string OutputDirectory, int? Sample = null, int Seed = 0, LatencyFit Fit = LatencyFit.NonNegative)
{
    public FitPredictorRequest Validate()
    {
        Require.That(OutputDirectory.Length > 0, "output-dir", "give a directory");
        if (Sample is int k) Require.AtLeast(k, 2, "sample");
        return this;
    }
}

/// <summary>
/// One device's fit; <see cref="SrccHeldOut"/> is NaN when nothing was held out.
/// <see cref="MinPredictedMs"/> is the smallest prediction over every architecture of the table
/// (below zero only with <see cref="LatencyFit.LeastSquares"/>).
/// </summary>
public sealed record FittedPredictor(string Device, string Method, int RowsFitted, double SrccFitted, double RmseFittedMs, double ResidualLag1, double SrccHeldOut, int RowsHeldOut,
    double MinPredictedMs, string File);

public sealed record FitPredictorReport(IReadOnlyList<FittedPredictor> Devices, IReadOnlyList<string> Notes);

public static class FitPredictorUseCase
{
    /// <summary>
    /// With <see cref="FitPredictorRequest.Sample"/>, every device draws its rows with the seed as
    /// given: the same architectures on every device, as one measuring session would give.
    /// </summary>
    public static FitPredictorReport Run(FitPredictorRequest request, CancellationToken cancellation = default)
    {
        request.Validate();
        var loaded = request.Latency.Load();
        var (table, s) = (loaded.Table, loaded.Space);
        var all = new FeatureMatrix(s, table.RequireArchitectures());
        Directory.CreateDirectory(request.OutputDirectory);
        var fits = new List<FittedPredictor>();
        foreach (var device in table.ColumnNames)
        {
            cancellation.ThrowIfCancellationRequested();
            var col = table.Column(device).ToArray();
            var rows = WideTable.MeasuredRows(col);
            int[] fitRows = rows, heldOut = [];
            if (request.Sample is int size)
            {
                Require.That(size < rows.Length, "sample", $"{size} leaves nothing held out: {device} has {rows.Length} measured architectures");
                var shuffled = (int[])rows.Clone();
                SrccEstimator.PartialShuffle(shuffled, size, new Random(request.Seed));
                fitRows = [.. shuffled[..size].Order()];
                heldOut = shuffled[size..];
            }
            var x = all.SelectRows(fitRows);
            var y = fitRows.Select(i => col[i]).ToArray();
            var predictor = LinearPredictorFitter.Fit(x, y, device, request.Fit);
            var fitted = predictor.PredictAll(x);
            double rmse = Math.Sqrt(fitted.Zip(y, (a, b) => (a - b) * (a - b)).Average());
            double lag1 = Residuals.Lag1Autocorrelation(y.Zip(fitted, (a, b) => a - b).ToArray());
            double held = heldOut.Length > 1
                ? Spearman.Correlation(predictor.PredictAll(all.SelectRows(heldOut)), heldOut.Select(i => col[i]).ToArray())
                : double.NaN;
            var path = SafeName.FileIn(request.OutputDirectory, device, ".json", "devices");
            PredictorFile.Save(path, predictor, s);
            fits.Add(new FittedPredictor(device, predictor.Method, fitRows.Length, Spearman.Correlation(fitted, y), rmse, lag1, held, heldOut.Length, predictor.PredictAll(all).Min(), path));
        }
        return new FitPredictorReport(fits, loaded.Notes);
    }

    public static OutputTable Table(FitPredictorReport r)
    {
        var t = new OutputTable("device", "method", "rows_fitted", "srcc_fitted", "rmse_fitted_ms", "residual_lag1", "srcc_held_out", "rows_held_out", "min_predicted_latency_ms", "file");
        foreach (var f in r.Devices)
            t.Add(f.Device, f.Method, OutputTable.Num(f.RowsFitted), OutputTable.Num(f.SrccFitted, "0.0000"), OutputTable.Num(f.RmseFittedMs, "G4"),
                OutputTable.Num(f.ResidualLag1, "0.000"), OutputTable.Num(f.SrccHeldOut, "0.0000"), OutputTable.Num(f.RowsHeldOut), OutputTable.Num(f.MinPredictedMs, "G5"), f.File);
        return t;
    }
}

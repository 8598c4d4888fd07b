using OneProxy.Data;
using System.CommandLine;
using System.Globalization;
using System.Text;
using OneProxy.Monotonicity;
using OneProxy.Predictors;

namespace OneProxy.Cli.Commands;

/// <summary><c>oneproxy fit-predictor</c>: operator-level linear latency predictors from a latency table, one JSON file per device.</summary>
public static class FitPredictorCommand
{
    public static Command Create()
    {
        var space = CommonOptions.Space();
        var latency = CommonOptions.Latency();
        var archs = CommonOptions.Architectures();
        var devices = CommonOptions.Devices();
        var sample = new Option<int?>("--sample", "-k")
        {
            Description = "Fit on this many random measured architectures per device (default: all); the rest are used to report held-out SRCC",
        };
        var seed = CommonOptions.Seed();
        var nonNeg = new Option<bool>("--non-negative") { Description = "Keep every operator weight >= 0 (NNLS)" };
        var outDir = new Option<string>("--output-dir", "-O") { Description = "Directory for <device>.json files (created if needed)", Required = true };
        var cmd = new Command("fit-predictor",
            "Fit a linear latency predictor L(x) = w . x per device (least squares, or NNLS with --non-negative) and save it as versioned JSON.\n" +
            "The report's residual_lag1 is the lag-1 autocorrelation of the fit's residuals in the file's row order: near 0 for " +
            "independent noise; clearly above 0 when latency drifts along the order the rows were measured in (heat, background load).\n" +
            "Example: oneproxy fit-predictor --space nasbench201 --devices pixel3 --output-dir predictors/")
        {
            space, latency, archs, devices, sample, seed, nonNeg, outDir,
        };
        cmd.SetAction(CommandRunner.Guarded(parse =>
        {
            var (table, s, _) = CommonOptions.LoadLatency(parse, space, latency, archs, devices);
            var all = new FeatureMatrix(s, table.RequireArchitectures());
            var dir = parse.GetValue(outDir)!;
            Directory.CreateDirectory(dir);
            var k = parse.GetValue(sample);
            if (k is < 2) throw new UnusableDataException($"--sample must be at least 2, got {k}");
            var inv = CultureInfo.InvariantCulture;
            var report = new StringBuilder("device,rows_fitted,srcc_fitted,rmse_fitted_ms,residual_lag1,srcc_held_out,rows_held_out,file\n");
            foreach (var device in table.ColumnNames)
            {
                var col = table.Column(device).ToArray();
                var rows = WideTable.MeasuredRows(col);
                int[] fitRows = rows, heldOut = [];
                if (k is int size)
                {
                    if (size >= rows.Length) throw new UnusableDataException($"--sample {size} leaves nothing held out: {device} has {rows.Length} measured architectures");
                    var shuffled = (int[])rows.Clone();
                    SrccEstimator.PartialShuffle(shuffled, size, new Random(parse.GetValue(seed)));
                    fitRows = [.. shuffled[..size].Order()];
                    heldOut = shuffled[size..];
                }
                var x = all.SelectRows(fitRows);
                var y = fitRows.Select(i => col[i]).ToArray();
                var predictor = LinearPredictorFitter.Fit(x, y, device, parse.GetValue(nonNeg));
                var fitted = predictor.PredictAll(x);
                double rmse = Math.Sqrt(fitted.Zip(y, (a, b) => (a - b) * (a - b)).Average());
                double lag1 = Residuals.Lag1Autocorrelation(y.Zip(fitted, (a, b) => a - b).ToArray());
                double held = heldOut.Length > 1
                    ? Spearman.Correlation(predictor.PredictAll(all.SelectRows(heldOut)), heldOut.Select(i => col[i]).ToArray())
                    : double.NaN;
                var path = SafeName.FileIn(dir, device, ".json", "devices");
                PredictorFile.Save(path, predictor, s);
                report.Append(inv, $"{device},{fitRows.Length},{Spearman.Correlation(fitted, y):0.0000},{rmse:G4},{lag1:0.000},{held:0.0000},{heldOut.Length},{path}\n");
            }
            parse.InvocationConfiguration.Output.Write(report.ToString());
            return 0;
        }));
        return cmd;
    }
}

using System.CommandLine;
using OneProxy.Application.Predictors;
using OneProxy.Reports;

namespace OneProxy.Cli.Commands;

/// <summary><c>oneproxy fit-predictor</c>: operator-level linear latency predictors from a latency table, one JSON file per device.</summary>
public static class FitPredictorCommand
{
    public static Command Create()
    {
        var data = new LatencyOptions(devices: true);
        var sample = new Option<int?>("--sample", "-k")
        {
            Description = "Fit on this many random measured architectures per device (default: all); the rest are used to report held-out SRCC",
        };
        var seed = CommonOptions.Seed();
        var fit = new Option<string>("--fit")
        {
            Description = "non-negative (default: every weight, bias included, >= 0, so no architecture is predicted below zero) or least-squares (unconstrained, may predict below zero)",
            DefaultValueFactory = _ => "non-negative",
        }.AcceptOnlyFromAmong("non-negative", "least-squares");
        var nonNeg = new Option<bool>("--non-negative") { Description = "Same as --fit non-negative (the default; kept for old scripts)" };
        var outDir = new Option<string>("--output-dir", "-O") { Description = "Directory for <device>.json files (created if needed)", Required = true };
        var cmd = new Command("fit-predictor",
            "Fit a linear latency predictor L(x) = w . x per device (non-negative least squares: no prediction below zero; --fit least-squares for the unconstrained fit) and save it as versioned JSON.\n" +
            "The report's residual_lag1 is the lag-1 autocorrelation of the fit's residuals in the file's row order: near 0 for " +
            "independent noise; clearly above 0 when latency drifts along the order the rows were measured in (heat, background load).\n" +
            "Example: oneproxy fit-predictor --space nasbench201 --devices pixel3 --output-dir predictors/");
        cmd.With(data.All, [sample, seed, fit, nonNeg, outDir]);
        cmd.SetAction(CommandRunner.Guarded((parse, cancellation) =>
        {
            var r = FitPredictorUseCase.Run(new FitPredictorRequest(data.Bind(parse), parse.GetValue(outDir)!, parse.GetValue(sample), parse.GetValue(seed),
                parse.GetValue(nonNeg) || parse.GetValue(fit) == "non-negative" ? OneProxy.Predictors.LatencyFit.NonNegative : OneProxy.Predictors.LatencyFit.LeastSquares), cancellation);
            Log.Write(parse, r.Notes);
            parse.InvocationConfiguration.Output.Write(CsvOutput.Write(FitPredictorUseCase.Table(r)));
            return 0;
        }));
        return cmd;
    }
}

using OneProxy.Aquaman.Reports;
using OneProxy.Reports.Figures;

namespace OneProxy.Aquaman.Evaluation;

/// <summary>Input of <c>aquaman simulate</c>: the simulation plus where the outputs go.</summary>
public sealed record SimulateRequest(SimulationOptions Options, string Format, string? PlotPath, string? DetailsDirectory);

/// <summary>Output: the main text (table, CSV or JSON) and the files written.</summary>
public sealed record SimulateResult(SimulationReport Report, string Text, IReadOnlyList<string> FilesWritten);

/// <summary>Runs the simulation and writes the requested plot and detail files.</summary>
public static class SimulateUseCase
{
    public static SimulateResult Execute(SimulateRequest request, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        if (request.Format is not ("table" or "csv" or "json")) throw new UnusableDataException($"--format must be table, csv or json, got '{request.Format}'");
        var report = SimulationRunner.Run(request.Options, progress, cancellationToken);
        var files = new List<string>();
        var curves = SimulationPlots.Curves(report);
        if (request.PlotPath is { } plot) { SimulationPlots.AverageQoe(curves).Save(plot); files.Add(plot); }
        if (request.DetailsDirectory is { } dir)
        {
            Directory.CreateDirectory(dir);
            void Write(string name, string? text)
            {
                if (text is null) return;
                var p = Path.Combine(dir, name);
                File.WriteAllText(p, text);
                files.Add(p);
            }
            void Draw(string name, Figure? figure)
            {
                if (figure is null) return;
                var p = Path.Combine(dir, name);
                figure.Save(p);
                files.Add(p);
            }
            Write("summary.csv", SimulationTables.SummaryCsv(report));
            Write("curves.csv", SimulationTables.CurvesCsv(report));
            Write("selections.csv", SimulationTables.SelectionsCsv(report));
            Write("training-loss.csv", SimulationTables.LossCsv(report));
            Draw("avg-qoe.svg", SimulationPlots.AverageQoe(curves));
            Draw("regret.svg", SimulationPlots.Regret(curves));
            Draw("qoe-cdf.svg", SimulationPlots.Cdf(report));
            Draw("selections.svg", SimulationPlots.Selections(curves));
            Draw("training-loss.svg", SimulationPlots.Loss(curves));
        }
        string text = request.Format switch
        {
            "csv" => SimulationTables.Csv(report),
            "json" => System.Text.Json.JsonSerializer.Serialize(report.Summaries, new System.Text.Json.JsonSerializerOptions { WriteIndented = true, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals }),
            _ => SimulationTables.Table(report),
        };
        return new SimulateResult(report, text, files);
    }
}

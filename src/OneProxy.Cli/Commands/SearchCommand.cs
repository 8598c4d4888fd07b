using System.CommandLine;
using OneProxy.Reports.Figures;
using OneProxy.Application.Search;
using OneProxy.Reports;
using OneProxy.Search;

namespace OneProxy.Cli.Commands;

/// <summary><c>oneproxy search</c>: accuracy-vs-latency search on one latency predictor; writes the Pareto set (CSV, predicted latencies) and a plot.</summary>
public static class SearchCommand
{
    public static Command Create()
    {
        var data = new LatencyOptions();
        var accuracy = new AccuracyOptions(predictor: true);
        var predictor = new Option<string?>("--predictor") { Description = "Latency predictor JSON (from fit-predictor or adapt)" };
        var device = new Option<string?>("--device") { Description = "Or: fit the predictor on this column of the latency table" };
        var method = new Option<SearchMethod>("--method") { Description = "exhaustive (enumerable spaces), evolution (the paper's, swept over t), nsga2, or gradient (through the predictors, one-hot spaces)", DefaultValueFactory = _ => SearchMethod.Evolution };
        var sweep = new Option<int>("--sweep") { Description = "Values of t in [0, 1] for evolution", DefaultValueFactory = _ => 21 };
        var generations = new Option<int>("--generations") { Description = "Generations per run", DefaultValueFactory = _ => new EvolutionOptions().Generations };
        var population = new Option<int>("--population") { Description = "Population size", DefaultValueFactory = _ => new EvolutionOptions().PopulationSize };
        var maxLatency = new Option<double?>("--max-latency") { Description = "Constrained search: the most accurate architecture with predicted latency <= this (ms)" };
        var seed = CommonOptions.Seed();
        var output = new OutputOptions(format: false);
        var plot = new Option<string?>("--plot") { Description = "Write a figure of the front here (.svg, .png or .pdf)" };
        var cmd = new Command("search",
            "Search for accuracy-vs-latency Pareto-optimal architectures on a latency predictor and an accuracy table.\n" +
            "Example: oneproxy search --space nasbench201 --device pixel3 --method evolution --seed 0 -o front.csv --plot front.svg");
        cmd.With(data.All, accuracy.All, [predictor, device, method, sweep, generations, population, maxLatency, seed], output.All, [plot]);
        cmd.SetAction(CommandRunner.Guarded((parse, cancellation) =>
        {
            var plotPath = Log.FigurePath(parse, plot);
            var r = SearchUseCase.Run(new SearchRequest
            {
                Latency = data.Bind(parse), PredictorPath = parse.GetValue(predictor), Device = parse.GetValue(device),
                Accuracy = accuracy.Bind(parse),
                Method = parse.GetValue(method), Sweep = parse.GetValue(sweep), MaxLatency = parse.GetValue(maxLatency), Seed = parse.GetValue(seed),
                Evolution = new EvolutionOptions { Generations = parse.GetValue(generations), PopulationSize = parse.GetValue(population) },
            }, cancellation);
            Log.Write(parse, r.Notes);
            output.Emit(parse, FrontTable.Create(r.Space, r.Front, FrontTable.PredictedLatency, r.AccuracyPredicted ? FrontTable.PredictedAccuracy : FrontTable.MeasuredAccuracy));
            if (plotPath is { } svg)
                Log.WriteFigure(parse, svg, ParetoPlot.Create($"{r.MethodName} search, {r.Space.Name}, predicted latency ({r.ModelName})",
                    [new PlotSeries("searched", r.Front, "#D55E00", true)], "predicted latency (ms)"));
            return 0;
        }));
        return cmd;
    }
}

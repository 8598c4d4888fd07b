using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using OneProxy.Adaptation;
using OneProxy.Predictors;
using OneProxy.Reports;
using OneProxy.Search;
using OneProxy.SearchSpaces;

namespace OneProxy.Cli.Commands;

/// <summary><c>oneproxy search</c>: accuracy-vs-latency search on one latency predictor; writes the Pareto set (CSV) and a plot.</summary>
public static class SearchCommand
{
    public static Command Create()
    {
        var space = CommonOptions.Space();
        var latency = CommonOptions.Latency();
        var archs = CommonOptions.Architectures();
        var accuracy = CommonOptions.Accuracy();
        var accuracyColumn = CommonOptions.AccuracyColumn();
        var accuracyPredictor = new Option<string?>("--accuracy-predictor") { Description = "MLP accuracy predictor JSON (from fit-accuracy) instead of an accuracy table" };
        var predictor = new Option<string?>("--predictor") { Description = "Latency predictor JSON (from fit-predictor or adapt)" };
        var device = new Option<string?>("--device") { Description = "Or: fit the predictor on this column of the latency table" };
        var method = new Option<string>("--method") { Description = "exhaustive (enumerable spaces), evolution (the paper's, swept over t) or nsga2", DefaultValueFactory = _ => "evolution" }
            .AcceptOnlyFromAmong("exhaustive", "evolution", "nsga2");
        var sweep = new Option<int>("--sweep") { Description = "Values of t in [0, 1] for evolution", DefaultValueFactory = _ => 21 };
        var generations = new Option<int>("--generations") { Description = "Generations per run", DefaultValueFactory = _ => new EvolutionOptions().Generations };
        var population = new Option<int>("--population") { Description = "Population size", DefaultValueFactory = _ => new EvolutionOptions().PopulationSize };
        var maxLatency = new Option<double?>("--max-latency") { Description = "Constrained search: the most accurate architecture with predicted latency <= this (ms)" };
        var seed = CommonOptions.Seed();
        var output = CommonOptions.Output();
        var plot = new Option<string?>("--plot") { Description = "Write an SVG of the front here" };
        var cmd = new Command("search",
            "Search for accuracy-vs-latency Pareto-optimal architectures on a latency predictor and an accuracy table.\n" +
            "Example: oneproxy search --space nasbench201 --device pixel3 --method evolution --seed 0 -o front.csv --plot front.svg")
        {
            space, latency, archs, accuracy, accuracyColumn, accuracyPredictor, predictor, device, method, sweep, generations, population, maxLatency, seed, output, plot,
        };
        cmd.SetAction(CommandRunner.Guarded(parse =>
        {
            var s = SearchSpaceRegistry.Get(parse.GetValue(space)!);
            var model = LoadPredictor(parse, s, predictor, device, latency, archs);
            OneProxy.Accuracy.IAccuracySource acc = parse.GetValue(accuracyPredictor) is string accPath
                ? OneProxy.Accuracy.MlpFile.Load(accPath, s)
                : CommonOptions.LoadAccuracy(parse, s, accuracy, accuracyColumn);
            var scorer = new ArchitectureScorer(s, model, acc);
            var evo = new EvolutionOptions { Generations = parse.GetValue(generations), PopulationSize = parse.GetValue(population) }.Validate();
            var err = parse.InvocationConfiguration.Error;
            var sw = Stopwatch.StartNew();
            IReadOnlyList<Candidate> result;
            var m = parse.GetValue(method)!;
            if (parse.GetValue(maxLatency) is double limit)
            {
                Candidate? best = m == "exhaustive"
                    ? ExhaustiveSearch.Constrained(ExhaustiveSearch.ScoreAll(scorer), limit)
                    : new EvolutionarySearch(scorer, evo).Run(c => c.LatencyMs <= limit ? -c.AccuracyPercent : 1e6 + c.LatencyMs - limit, new Random(parse.GetValue(seed)))
                        .FirstOrDefault(c => c.LatencyMs <= limit);
                result = best is null ? [] : [best];
                if (best is null) err.WriteLine($"no architecture found with predicted latency <= {limit} ms");
            }
            else result = m switch
            {
                "exhaustive" => ExhaustiveSearch.Front(scorer),
                "nsga2" => new Nsga2Search(scorer, evo).Run(new Random(parse.GetValue(seed))),
                _ => new EvolutionarySearch(scorer, evo).Sweep(EvolutionarySearch.EvenTs(parse.GetValue(sweep)), parse.GetValue(seed)),
            };
            err.WriteLine($"{m} search on {model.Name}: {result.Count} architecture(s) in {sw.Elapsed.TotalMilliseconds:0} ms");
            CommonOptions.Emit(parse, output, FrontCsv(s, result));
            if (parse.GetValue(plot) is { } svg)
            {
                File.WriteAllText(svg, ParetoPlotSvg.Render($"{m} search, {s.Name}, predicted latency ({model.Name})", [new PlotSeries("searched", result, "#d62728", true)]));
                err.WriteLine($"wrote {svg}");
            }
            return 0;
        }));
        return cmd;
    }

    public static string FrontCsv(ISearchSpace space, IReadOnlyList<Candidate> front)
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder("arch,latency_ms,accuracy\n");
        foreach (var c in front.OrderBy(c => c.LatencyMs))
        {
            var a = space.Format(c.Architecture);
            sb.Append(inv, $"{(a.Contains(',') || a.Contains('"') ? "\"" + a.Replace("\"", "\"\"") + "\"" : a)},{c.LatencyMs:G6},{c.AccuracyPercent:0.###}\n");
        }
        return sb.ToString();
    }

    /// <summary>--predictor FILE, or a least-squares predictor fitted on --device's column of the latency table.</summary>
    internal static LinearPredictor LoadPredictor(ParseResult parse, ISearchSpace s, Option<string?> predictor, Option<string?> device,
        Option<string?> latency, Option<string?> archs)
    {
        string? file = parse.GetValue(predictor), column = parse.GetValue(device);
        if ((file is null) == (column is null)) throw new UnusableDataException("give exactly one of --predictor and --device");
        if (file is not null) return PredictorFile.Load(file, s);
        var path = parse.GetValue(latency) ?? OneProxy.Data.DatasetLocator.File(s.Name, "latency_ms.csv");
        var table = OneProxy.Data.WideTableReader.ReadLatency(path, s, parse.GetValue(archs));
        return new CharacterisedDevices(s, table).Predictor(column!);
    }
}

using System.CommandLine;
using System.Globalization;
using System.Text;
using OneProxy.Adaptation;
using OneProxy.Data;
using OneProxy.Devices;
using OneProxy.Monotonicity;
using OneProxy.Predictors;
using OneProxy.Reports;
using OneProxy.Search;
using OneProxy.Transfer;

namespace OneProxy.Cli.Commands;

/// <summary>
/// <c>oneproxy transfer</c>: Algorithm 5 for one target, here a recorded device (a column of the
/// latency table; real devices come with the measurement agents). Prints what was spent and
/// decided, writes the Pareto set and a plot against the target's oracle front.
/// </summary>
public static class TransferCommand
{
    public static Command Create()
    {
        var space = CommonOptions.Space();
        var latency = CommonOptions.Latency();
        var archs = CommonOptions.Architectures();
        var accuracy = CommonOptions.Accuracy();
        var accuracyColumn = CommonOptions.AccuracyColumn();
        var proxy = CommonOptions.ProxyColumn();
        var target = new Option<string>("--target") { Description = "Target device column (replayed as a recorded device)", Required = true };
        var library = new Option<string[]?>("--library")
        {
            Description = "Library device columns (default: every column but the target and the proxy)",
            CustomParser = CommonOptions.CommaList,
        };
        var defaults = new TransferOptions();
        var sample = new Option<int>("--sample", "-k") { Description = "Architectures measured before deciding", DefaultValueFactory = _ => defaults.SampleSize };
        var budget = new Option<int>("--budget") { Description = "Target measurements in total", DefaultValueFactory = _ => defaults.Budget };
        var threshold = new Option<double>("--threshold", "-t") { Description = "Sample SRCC at which the proxy's set is reused", DefaultValueFactory = _ => defaults.SrccThreshold };
        var refit = new Option<int>("--refit-every") { Description = "0: the paper's one-shot pruning; N: re-adapt every N pruning measurements", DefaultValueFactory = _ => defaults.RefitEvery };
        var withFlops = CommonOptions.WithFlops();
        var seed = CommonOptions.Seed();
        var output = CommonOptions.Output();
        var plot = new Option<string?>("--plot") { Description = "SVG: oracle front, the proxy's set and the transferred set, in target latency" };
        var cmd = new Command("transfer",
            "Hardware-aware NAS for a new target with one proxy device (Algorithm 5): sample, check SRCC, reuse or adapt and search, prune on the target.\n" +
            "Example: oneproxy transfer --space nasbench201 --proxy pixel3 --target eyeriss --seed 0 -o eyeriss-front.csv --plot eyeriss.svg")
        {
            space, latency, archs, accuracy, accuracyColumn, proxy, target, library, withFlops, sample, budget, threshold, refit, seed, output, plot,
        };
        cmd.SetAction(CommandRunner.Guarded(parse =>
        {
            var (table, s, _) = CommonOptions.LoadLatency(parse, space, latency, archs, null);
            if (parse.GetValue(withFlops)) table = CostColumns.Add(table, s);
            var acc = CommonOptions.LoadAccuracy(parse, s, accuracy, accuracyColumn);
            string p = parse.GetValue(proxy)!, t = parse.GetValue(target)!;
            table.ColumnIndexOf(t);
            if (t == p) throw new UnusableDataException($"target '{t}' is the proxy");
            var libNames = parse.GetValue(library) is { Length: > 0 } named ? named : table.ColumnNames.Where(c => c != t && c != p).ToArray();
            if (libNames.Contains(t)) throw new UnusableDataException($"target '{t}' must not be in the library");
            var characterised = new CharacterisedDevices(s, table);
            var proxyPredictor = characterised.Predictor(p);
            var adapter = new ProxyAdapter(s, proxyPredictor, characterised.Predictors(libNames));
            var all = new FeatureMatrix(s, table.RequireArchitectures());
            var allAcc = acc.PredictAll(all.Architectures);
            var proxyFront = Pareto.Front(all.Architectures, proxyPredictor.PredictAll(all), allAcc);
            var options = new TransferOptions
            {
                SampleSize = parse.GetValue(sample), Budget = parse.GetValue(budget), SrccThreshold = parse.GetValue(threshold), RefitEvery = parse.GetValue(refit),
            }.Validate();
            var device = new RecordedDevice(table, t);
            var pool = device.Measurable.ToArray();
            new Random(parse.GetValue(seed)).Shuffle(pool);
            var result = new TransferPipeline(s, proxyPredictor, proxyFront, adapter, acc, options).Run(device, pool, parse.GetValue(seed));
            var proxyOnly = new TransferPipeline(s, proxyPredictor, proxyFront, adapter, acc, options with { Adapt = false }).Run(new RecordedDevice(table, t), pool, parse.GetValue(seed));

            var oracle = Pareto.Front(all.Architectures, table.Column(t).ToArray(), allAcc);
            var inv = CultureInfo.InvariantCulture;
            var err = parse.InvocationConfiguration.Error;
            var report = new StringBuilder();
            report.Append(inv, $"target {t}, proxy {p}: sample SRCC {result.SampleSrcc:0.000} on {result.SampleMeasurements} measurements -> ")
                  .Append(result.Adapted ? $"adapted ({ProxyAdapter.MethodName(result.Method!.Value)}, estimated SRCC {result.EstimatedSrccAfter:0.000})\n" : "proxy set reused\n")
                  .Append(inv, $"target measurements: {result.TargetMeasurements} ({result.SampleMeasurements} sample + {result.PruningMeasurements} pruning); final set: {result.Front.Count} architectures\n")
                  .Append(inv, $"hypervolume vs the recording's oracle front ({oracle.Count} points): transferred {Pareto.HypervolumeRatio(result.Front, oracle):0.0000}, proxy set pruned with the same budget {Pareto.HypervolumeRatio(proxyOnly.Front, oracle):0.0000}\n");
            err.Write(report.ToString());
            CommonOptions.Emit(parse, output, SearchCommand.FrontCsv(s, result.Front));
            if (parse.GetValue(plot) is { } svg)
            {
                File.WriteAllText(svg, ParetoPlotSvg.Render($"{s.Name}: {p} -> {t} ({result.TargetMeasurements} target measurements)",
                [
                    new PlotSeries("oracle front", oracle, "#222222", true),
                    new PlotSeries("proxy set, pruned", proxyOnly.Front, "#1f77b4", false),
                    new PlotSeries("transferred (OneProxy)", result.Front, "#d62728", false),
                ]));
                err.WriteLine($"wrote {svg}");
            }
            return 0;
        }));
        return cmd;
    }
}

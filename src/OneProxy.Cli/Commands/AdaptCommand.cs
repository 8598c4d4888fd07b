using System.CommandLine;
using System.Globalization;
using System.Text;
using OneProxy.Adaptation;
using OneProxy.Data;
using OneProxy.Devices;
using OneProxy.Monotonicity;
using OneProxy.Predictors;
using OneProxy.SearchSpaces;

namespace OneProxy.Cli.Commands;

/// <summary>
/// <c>oneproxy adapt</c>: a predictor for a new target from a proxy predictor (and optionally a
/// library of characterised devices) plus a few target measurements, given as a CSV or drawn
/// batch by batch from a recorded device until the estimated SRCC reaches the threshold.
/// </summary>
public static class AdaptCommand
{
    public static Command Create()
    {
        var space = CommonOptions.Space();
        var proxy = new Option<string>("--proxy") { Description = "Proxy predictor JSON (from fit-predictor)", Required = true };
        var library = new Option<string[]?>("--library")
        {
            Description = "Library predictors: JSON files and/or directories of them (comma-separated). The target's own file is never used",
            CustomParser = CommonOptions.CommaList,
        };
        var samples = new Option<string?>("--samples")
        {
            Description = "CSV of target measurements: an arch column and a latency column (named by --target, or the only value column)",
        };
        var record = new Option<string?>("--record-from")
        {
            Description = "Instead of --samples: measure a recorded device (a column of this wide latency CSV) batch by batch until --threshold or --budget",
        };
        var archs = CommonOptions.Architectures();
        var target = new Option<string?>("--target") { Description = "Target device name (the column to read)" };
        var method = new Option<string>("--method")
        {
            Description = "auto (best cross-validated SRCC) or one of " + string.Join(", ", ProxyAdapter.MethodNames),
            DefaultValueFactory = _ => "auto",
        };
        var batch = new Option<int>("--batch") { Description = "Measurements per round with --record-from", DefaultValueFactory = _ => new IncrementalOptions().BatchSize };
        var threshold = new Option<double>("--threshold", "-t") { Description = "Stop when the estimated SRCC reaches this", DefaultValueFactory = _ => new IncrementalOptions().Threshold };
        var budget = new Option<int>("--budget") { Description = "Most target measurements with --record-from", DefaultValueFactory = _ => new IncrementalOptions().Budget };
        var minimum = new Option<int>("--min-measurements") { Description = "Measurements before the first check with --record-from", DefaultValueFactory = _ => new IncrementalOptions().MinMeasurements };
        var seed = CommonOptions.Seed();
        var output = new Option<string?>("--output", "-o") { Description = "Write the adapted predictor JSON here" };
        var join = new Option<string?>("--add-to-library") { Description = "Also save the adapted predictor as <dir>/<target>.json so later devices can use it" };
        var cmd = new Command("adapt",
            "Adapt a proxy predictor to a target from a few measurements (AdaProxy, proxy library, operator-type corrections; chosen by cross-validated SRCC).\n" +
            "Examples:\n  oneproxy adapt --proxy predictors/pixel3.json --library predictors/ --samples eyeriss10.csv --target eyeriss -o eyeriss.json\n" +
            "  oneproxy adapt --proxy predictors/pixel3.json --library predictors/ --record-from latency.csv --target eyeriss --batch 5 --threshold 0.95 --budget 50 --seed 0")
        {
            space, proxy, library, samples, record, archs, target, method, batch, threshold, budget, minimum, seed, output, join,
        };
        cmd.SetAction(CommandRunner.Guarded(parse =>
        {
            var s = SearchSpaceRegistry.Get(parse.GetValue(space)!);
            var proxyPredictor = PredictorFile.Load(parse.GetValue(proxy)!, s);
            var err = parse.InvocationConfiguration.Error;
            string? samplesPath = parse.GetValue(samples), recordPath = parse.GetValue(record);
            if ((samplesPath is null) == (recordPath is null)) throw new UnusableDataException("give exactly one of --samples and --record-from");
            var methodName = parse.GetValue(method)!;
            AdaptationMethod? fixedMethod = methodName.Equals("auto", StringComparison.OrdinalIgnoreCase) ? null
                : ProxyAdapter.TryParseMethod(methodName, out var m) ? m
                : throw new UnusableDataException($"--method: unknown method '{methodName}' (expected auto or one of {string.Join(", ", ProxyAdapter.MethodNames)})");

            WideTable table = samplesPath is not null
                ? WideTableReader.Read(samplesPath, ValueKind.LatencyMs, s)
                : WideTableReader.ReadLatency(recordPath!, s, parse.GetValue(archs));
            var targetName = parse.GetValue(target) ?? (table.ColumnNames.Count == 1 ? table.ColumnNames[0]
                : throw new UnusableDataException($"{table.Source} has {table.ColumnNames.Count} value columns; name the target with --target"));
            table.ColumnIndexOf(targetName);
            var lib = LoadLibrary(parse.GetValue(library), s, targetName, proxyPredictor, err);
            var options = new AdaptationOptions();
            if (fixedMethod is { } only) options = options with { Candidates = [only] };
            var adapter = new ProxyAdapter(s, proxyPredictor, lib, options);
            err.WriteLine($"proxy {proxyPredictor.Device}; library: {(lib.Count == 0 ? "none" : string.Join(", ", lib.Select(l => l.Device)))}");

            AdaptationResult result;
            var report = new StringBuilder();
            var inv = CultureInfo.InvariantCulture;
            IReadOnlyList<Architecture> measured;
            if (samplesPath is not null)
            {
                var col = table.Column(targetName).ToArray();
                var rows = WideTable.MeasuredRows(col);
                if (rows.Length < 2) throw new UnusableDataException($"{samplesPath}: column '{targetName}' has {rows.Length} usable measurement(s); need at least 2");
                var archsAll = table.RequireArchitectures();
                measured = rows.Select(i => archsAll[i]).ToArray();
                result = adapter.AdaptAuto(new FeatureMatrix(s, measured), rows.Select(i => col[i]).ToArray(), targetName);
            }
            else
            {
                var device = new RecordedDevice(table, targetName);
                var truth = table.Column(targetName).ToArray();
                var rows = WideTable.MeasuredRows(truth);
                new Random(parse.GetValue(seed)).Shuffle(rows);
                var archList = table.RequireArchitectures();
                var pool = rows.Select(i => archList[i]).ToArray();
                var inc = IncrementalAdaptation.Run(adapter, s, device, pool, new IncrementalOptions
                {
                    BatchSize = parse.GetValue(batch), Threshold = parse.GetValue(threshold), Budget = parse.GetValue(budget), MinMeasurements = parse.GetValue(minimum),
                }.Validate());
                foreach (var r in inc.Rounds)
                    report.Append(inv, $"round: {r.Measurements,3} measurements  {ProxyAdapter.MethodName(r.Method),-17} estimated SRCC {r.EstimatedSrcc:0.0000}\n");
                report.Append(inc.ReachedThreshold ? "threshold reached\n" : "budget spent before the threshold was reached\n");
                result = inc.Final;
                measured = inc.Measured;
                // A recording knows every latency, so the tool can say how good the predictor really is.
                // The loop measures the pool in order, so the rest of it is what was not measured.
                var rest = rows[measured.Count..];
                double actual = Spearman.Correlation(result.Predictor.PredictAll(new FeatureMatrix(s, pool[measured.Count..])), rest.Select(i => truth[i]).ToArray());
                report.Append(inv, $"SRCC on the {rest.Length} unmeasured architectures of the recording: {actual:0.0000}\n");
            }
            report.Append(inv, $"target {targetName}: method {ProxyAdapter.MethodName(result.Method)}, estimated SRCC {result.EstimatedSrcc:0.0000} from {measured.Count} target measurements\n");
            foreach (var (mm, cv) in result.EstimatedSrccByMethod)
                report.Append(inv, $"  {ProxyAdapter.MethodName(mm),-17} cross-validated SRCC {cv:0.0000}\n");
            parse.InvocationConfiguration.Output.Write(report.ToString());
            if (parse.GetValue(output) is { } outPath) { PredictorFile.Save(outPath, result.Predictor, s); err.WriteLine($"wrote {outPath}"); }
            if (parse.GetValue(join) is { } dir)
            {
                Directory.CreateDirectory(dir);
                var libPath = SafeName.FileIn(dir, targetName, ".json", "add-to-library");
                PredictorFile.Save(libPath, result.Predictor, s);
                err.WriteLine($"added {targetName} to the library: {libPath}");
            }
            return 0;
        }));
        return cmd;
    }

    private static IReadOnlyList<LinearPredictor> LoadLibrary(string[]? entries, ISearchSpace space, string target, LinearPredictor proxy, TextWriter err)
    {
        var files = new List<string>();
        foreach (var e in entries ?? [])
        {
            if (Directory.Exists(e)) files.AddRange(Directory.GetFiles(e, "*.json").Order(StringComparer.Ordinal));
            else if (File.Exists(e)) files.Add(e);
            else throw new FileNotFoundException($"--library: no such file or directory: {e}", e);
        }
        var result = new List<LinearPredictor>();
        foreach (var f in files)
        {
            var p = PredictorFile.Load(f, space);
            if (p.Device == target) { err.WriteLine($"library: skipping {f}: it is the target's own predictor"); continue; }
            if (p.Device == proxy.Device && p.Weights.SequenceEqual(proxy.Weights)) continue;
            result.Add(p);
        }
        return result;
    }
}

using OneProxy.Adaptation;
using OneProxy.Data;
using OneProxy.Devices;
using OneProxy.Monotonicity;
using OneProxy.Predictors;
using OneProxy.SearchSpaces;

namespace OneProxy.Application.Adaptation;

/// <summary>Adapts a proxy predictor to a target and saves the result where asked.</summary>
public static class AdaptUseCase
{
    public static AdaptReport Run(AdaptRequest request, CancellationToken cancellation = default)
    {
        request.Validate();
        var s = SearchSpaceRegistry.Get(request.Space);
        var proxy = PredictorFile.Load(request.ProxyPath, s);
        var notes = new List<string>();
        var table = request.SamplesPath is string samples
            ? WideTableReader.Read(samples, ValueKind.LatencyMs, s)
            : WideTableReader.ReadLatency(request.RecordFromPath!, s, request.ArchitecturesPath);
        var target = request.Target ?? (table.ColumnNames.Count == 1 ? table.ColumnNames[0]
            : throw new InvalidOptionException("target", $"{table.Source} has {table.ColumnNames.Count} value columns; name the target"));
        Require.That(table.HasColumn(target), "target", $"{table.Source} has no column '{target}' (columns: {string.Join(", ", table.ColumnNames)})");
        var lib = PredictorLibrary.Load(request.Library, s, target, proxy, notes);
        var options = request.Method is { } only ? new AdaptationOptions { Candidates = [only] } : new AdaptationOptions();
        var adapter = new ProxyAdapter(s, proxy, lib, options);
        notes.Add($"proxy {proxy.Device}; library: {(lib.Count == 0 ? "none" : string.Join(", ", lib.Select(l => l.Device)))}");
        cancellation.ThrowIfCancellationRequested();

        var col = table.Column(target).ToArray();
        var rows = WideTable.MeasuredRows(col);
        var archs = table.RequireArchitectures();
        AdaptReport report;
        if (request.SamplesPath is not null)
        {
            if (rows.Length < 2) throw new UnusableDataException($"{request.SamplesPath}: column '{target}' has {rows.Length} usable measurement(s); need at least 2");
            var measured = rows.Select(i => archs[i]).ToArray();
            var result = adapter.AdaptAuto(new FeatureMatrix(s, measured), rows.Select(i => col[i]).ToArray(), target);
            report = new AdaptReport(target, proxy.Device, lib.Select(l => l.Device).ToArray(), result, measured.Length, [], null, null, 0, notes);
        }
        else
        {
            new Random(request.Seed).Shuffle(rows);
            var pool = rows.Select(i => archs[i]).ToArray();
            var inc = IncrementalAdaptation.Run(adapter, s, new RecordedDevice(table, target), pool, request.Incremental);
            // A recording knows every latency, so the tool can say how good the predictor really is.
            // The loop measures the pool in order, so the rest of it is what was not measured.
            var rest = rows[inc.Measured.Count..];
            double actual = Spearman.Correlation(inc.Final.Predictor.PredictAll(new FeatureMatrix(s, pool[inc.Measured.Count..])), rest.Select(i => col[i]).ToArray());
            report = new AdaptReport(target, proxy.Device, lib.Select(l => l.Device).ToArray(), inc.Final, inc.Measured.Count, inc.Rounds, inc.ReachedThreshold, actual, rest.Length, notes);
        }
        if (request.OutputPath is string outPath)
        {
            PredictorFile.Save(outPath, report.Result.Predictor, s);
            notes.Add($"wrote {outPath}");
        }
        if (request.AddToLibrary is string dir)
        {
            Directory.CreateDirectory(dir);
            var libPath = SafeName.FileIn(dir, target, ".json", "add-to-library");
            PredictorFile.Save(libPath, report.Result.Predictor, s);
            notes.Add($"added {target} to the library: {libPath}");
        }
        return report;
    }

    /// <summary>The report printed on standard output.</summary>
    public static string Text(AdaptReport r)
    {
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        var sb = new System.Text.StringBuilder();
        foreach (var round in r.Rounds)
            sb.Append(inv, $"round: {round.Measurements,3} measurements  {ProxyAdapter.MethodName(round.Method),-17} estimated SRCC {round.EstimatedSrcc:0.0000}\n");
        if (r.ReachedThreshold is bool reached) sb.Append(reached ? "threshold reached\n" : "budget spent before the threshold was reached\n");
        if (r.UnmeasuredSrcc is double actual) sb.Append(inv, $"SRCC on the {r.Unmeasured} unmeasured architectures of the recording: {actual:0.0000}\n");
        sb.Append(inv, $"target {r.Target}: method {ProxyAdapter.MethodName(r.Result.Method)}, estimated SRCC {r.Result.EstimatedSrcc:0.0000} from {r.Measurements} target measurements (95 % interval {r.Result.Interval.Low:0.000} to {r.Result.Interval.High:0.000})\n");
        if (r.Result.Basis is string basis) sb.Append(inv, $"  scales library device {basis}\n");
        foreach (var (m, cv) in r.Result.EstimatedSrccByMethod)
            sb.Append(inv, $"  {ProxyAdapter.MethodName(m),-17} cross-validated SRCC {cv:0.0000}\n");
        return sb.ToString();
    }
}

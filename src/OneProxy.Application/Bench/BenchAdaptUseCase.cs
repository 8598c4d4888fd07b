using System.Diagnostics;
using OneProxy.Adaptation;

namespace OneProxy.Application.Bench;

/// <summary>The adaptation benchmark on recorded devices (each repetition and target on its own named seed stream).</summary>
public static class BenchAdaptUseCase
{
    public static BenchAdaptReport Run(BenchAdaptRequest request, IProgress<WorkProgress>? progress = null, CancellationToken cancellation = default)
    {
        request.Validate();
        var loaded = request.Latency.Load();
        var notes = new List<string>(loaded.Notes);
        var (s, table, ts) = (loaded.Space, loaded.Table, request.TargetsOrDefault(loaded.Recorded));
        var lib = request.Library is { Count: > 0 } named ? named : table.ColumnNames.Where(c => !ts.Contains(c)).ToArray();
        if (request.Setup.Protocol == AdaptationProtocol.LeaveOneFamilyOut)
            notes.Add("leave-one-family-out: " + string.Join("; ", ts.Select(t => $"{t} ({DeviceFamilies.Of(t)}): library of {lib.Concat(ts).Distinct().Count(c => DeviceFamilies.MayServe(c, t))}")));
        var bench = new AdaptationBenchmark(s, table);
        var sw = Stopwatch.StartNew();
        var jobs = WorkProgress.Of(progress, ts.Count * request.Seeds);
        if (request.Incremental is { } inc)
        {
            var incRows = bench.RunIncremental(request.Proxy, ts, lib, request.Seeds, request.Options, inc, jobs, cancellation, request.Setup.Protocol);
            notes.Add($"incremental benchmark: {ts.Count} targets x {request.Seeds} seeds in {sw.Elapsed.TotalSeconds:0.00} s");
            return new BenchAdaptReport(request.Proxy, [], incRows, inc, notes);
        }
        var rows = bench.Run(request.Proxy, ts, lib, request.Samples, request.Seeds, request.Options, jobs, cancellation, request.Setup);
        sw.Stop();
        int kMax = request.Samples.Max();
        var one = bench.TimeOneAdaptation(request.Proxy, ts[0], lib, kMax, request.Options);
        notes.Add($"one automatic adaptation ({request.Options.Candidates.Count} methods, lambda paths, CV) on {kMax} samples of {ts[0]}: median {one.TotalMilliseconds:0.0} ms");
        notes.Add($"benchmark ({request.Setup.Protocol}, {request.Setup.Design} measurements{(request.Setup.Pool > 0 ? $", pool {request.Setup.Pool}" : "")}): {ts.Count} targets x {request.Samples.Count} sample sizes x {request.Seeds} seeds in {sw.Elapsed.TotalSeconds:0.00} s");
        return new BenchAdaptReport(request.Proxy, rows, [], null, notes);
    }
}

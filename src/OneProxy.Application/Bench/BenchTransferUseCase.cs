using System.Diagnostics;
using OneProxy.Transfer;

namespace OneProxy.Application.Bench;

/// <summary>The transfer benchmark: hypervolume of the transferred set over each target's oracle front, with baselines.</summary>
public static class BenchTransferUseCase
{
    public static BenchTransferReport Run(BenchTransferRequest request, IProgress<WorkProgress>? progress = null, CancellationToken cancellation = default)
    {
        request.Validate();
        var (loaded, acc, notes) = SearchInputs.Load(request.Latency, request.Accuracy);
        loaded.Table.ColumnIndexOf(request.Proxy);
        var targets = request.Targets is { Count: > 0 } given ? given : loaded.Recorded.Where(c => c != request.Proxy).ToArray();
        var sw = Stopwatch.StartNew();
        var rows = new TransferBenchmark(loaded.Space, loaded.Table, acc)
            .Run(request.Proxy, targets, request.Seeds, request.Options, request.PerDeviceSamples, WorkProgress.Of(progress, targets.Count), cancellation);
        notes.Add($"transfer benchmark: {targets.Count} targets x {request.Seeds} seeds in {sw.Elapsed.TotalSeconds:0.00} s");
        return new BenchTransferReport(request.Proxy, request.Options, rows, notes);
    }
}

using System.Diagnostics;
using OneProxy.Monotonicity;
using OneProxy.SearchSpaces;

namespace OneProxy.Application.Monotonicity;

/// <summary><c>oneproxy monotonicity</c>: the SRCC of every pair of devices of a latency table.</summary>
public sealed record MonotonicityRequest(LatencyInput Latency, double Threshold = 0.9)
{
    public MonotonicityRequest Validate()
    {
        Require.InRange(Threshold, -1.0, 1.0, "threshold");
        return this;
    }
}

public sealed record MonotonicityReport(ISearchSpace Space, int Architectures, SrccMatrix Matrix, double Threshold, IReadOnlyList<string> Notes)
{
    public string HeatmapTitle => $"Latency monotonicity: {Space.Name} ({Architectures} architectures)";
}

public static class MonotonicityUseCase
{
    public static MonotonicityReport Run(MonotonicityRequest request)
    {
        request.Validate();
        var loaded = request.Latency.Load();
        var sw = Stopwatch.StartNew();
        var matrix = SrccMatrix.Compute(loaded.Table);
        sw.Stop();
        return new MonotonicityReport(loaded.Space, loaded.Table.RowCount, matrix, request.Threshold,
            [.. loaded.Notes, $"SRCC matrix {matrix.Devices.Count}x{matrix.Devices.Count} in {sw.Elapsed.TotalMilliseconds:0.0} ms"]);
    }
}

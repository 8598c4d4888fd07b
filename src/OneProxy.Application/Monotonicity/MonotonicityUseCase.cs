using System.Diagnostics;
using System.Globalization;
using OneProxy.Monotonicity;
using OneProxy.Reports;
using OneProxy.SearchSpaces;

namespace OneProxy.Application.Monotonicity;

/// <summary>
/// <c>oneproxy monotonicity</c>: the SRCC of every pair of devices of a latency table, or with
/// <paramref name="Top"/> each device's best partners without the dense matrix (thousands of devices).
/// </summary>
public sealed record MonotonicityRequest(LatencyInput Latency, double Threshold = 0.9, int? Top = null)
{
    public MonotonicityRequest Validate()
    {
        Require.InRange(Threshold, -1.0, 1.0, "threshold");
        if (Top is int k) Require.AtLeast(k, 1, "top");
        return this;
    }
}

/// <summary>Either <paramref name="Matrix"/> (dense) or <paramref name="Partners"/> (top-k per device) is set.</summary>
public sealed record MonotonicityReport(ISearchSpace Space, int Architectures, SrccMatrix? Matrix, IReadOnlyList<DevicePartners>? Partners,
    double Threshold, IReadOnlyList<string> Notes)
{
    public string HeatmapTitle => $"Latency monotonicity: {Space.Name} ({Architectures} architectures)";
}

public static class MonotonicityUseCase
{
    public static MonotonicityReport Run(MonotonicityRequest request, CancellationToken cancel = default)
    {
        request.Validate();
        var loaded = request.Latency.Load();
        var table = loaded.Table;
        var sw = Stopwatch.StartNew();
        if (request.Top is int k)
        {
            var partners = SrccTopK.Compute(table.ColumnNames, table.RowCount, c => table.Column(c), k, request.Threshold, cancel: cancel);
            return new MonotonicityReport(loaded.Space, table.RowCount, null, partners, request.Threshold,
                [.. loaded.Notes, $"top {k} partners of {partners.Count} devices in {sw.Elapsed.TotalMilliseconds:0.0} ms (no dense matrix)"]);
        }
        // Nothing reads the table after the matrix: its arrays become the rank panel (half the memory of a separate one).
        var matrix = SrccMatrix.ComputeInPlace(table.ColumnNames, table.RowCount, table.HandOverColumns(), cancel: cancel);
        sw.Stop();
        return new MonotonicityReport(loaded.Space, table.RowCount, matrix, null, request.Threshold,
            [.. loaded.Notes, $"SRCC matrix {matrix.Devices.Count}x{matrix.Devices.Count} in {sw.Elapsed.TotalMilliseconds:0.0} ms"]);
    }

    /// <summary>One row per device and partner, best partner first; the device's summaries repeat on each of its rows.</summary>
    public static OutputTable PartnersTable(IReadOnlyList<DevicePartners> partners)
    {
        var t = new OutputTable("device", "monotone_count", "mean_srcc", "min_srcc", "rank", "partner", "srcc", "pairs");
        static string F(double v) => OutputTable.Num(v, "0.0000");
        foreach (var p in partners)
            for (int r = 0; r < p.Top.Count; r++)
                t.Add(p.Device, OutputTable.Num(p.MonotoneCount), F(p.MeanSrcc), F(p.MinSrcc), OutputTable.Num(r + 1), p.Top[r].Name,
                    F(p.Top[r].Srcc), p.Top[r].Pairs.ToString(CultureInfo.InvariantCulture));
        return t;
    }
}

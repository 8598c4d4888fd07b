using System.Globalization;
using System.Text;
using OneProxy.Monotonicity;
using OneProxy.Reports;

namespace OneProxy.Application.Monotonicity;

/// <summary><c>oneproxy select-proxy</c>: rank devices as proxy (monotone with the most others, ties by mean SRCC).</summary>
public sealed record SelectProxyRequest(LatencyInput Latency, double Threshold = 0.9, int? Sample = null, int Seed = 0)
{
    public SelectProxyRequest Validate()
    {
        Require.InRange(Threshold, -1.0, 1.0, "threshold");
        if (Sample is int k) Require.AtLeast(k, 3, "sample");
        return this;
    }
}

public sealed record SelectProxyReport(string Basis, double Threshold, int Devices, IReadOnlyList<ProxyCandidate> Ranking, IReadOnlyList<string> Notes);

public static class SelectProxyUseCase
{
    /// <summary>One random consumer (the sample), so the seed is used as given and docs/monotonicity.md's numbers reproduce.</summary>
    public static SelectProxyReport Run(SelectProxyRequest request)
    {
        request.Validate();
        if (request.Sample is int k)
        {
            // Only the sampled rows are parsed: a practitioner's 50 rows, not the whole file.
            var sampled = request.Latency.LoadSample(k, new Random(request.Seed));
            var ranking = ProxySelector.Rank(SrccMatrix.Compute(sampled.Table), request.Threshold);
            return new SelectProxyReport($"{k} sampled architectures (seed {request.Seed})", request.Threshold, sampled.Table.ColumnNames.Count, ranking, sampled.Notes);
        }
        var loaded = request.Latency.Load();
        var table = loaded.Table;
        return new SelectProxyReport($"all {table.RowCount} architectures", request.Threshold, table.ColumnNames.Count,
            ProxySelector.Rank(SrccMatrix.Compute(table), request.Threshold), loaded.Notes);
    }

    public static OutputTable Table(SelectProxyReport r)
    {
        var t = new OutputTable("rank", "device", "monotone_count", "mean_srcc", "min_srcc");
        for (int i = 0; i < r.Ranking.Count; i++)
        {
            var c = r.Ranking[i];
            t.Add(OutputTable.Num(i + 1), c.Device, OutputTable.Num(c.MonotoneCount), OutputTable.Num(c.MeanSrcc, "0.0000"), OutputTable.Num(c.MinSrcc, "0.0000"));
        }
        return t;
    }

    public static string Json(SelectProxyReport r) => JsonOutput.Write(new { basis = r.Basis, threshold = r.Threshold, ranking = r.Ranking });

    public static string Text(SelectProxyReport r)
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        var best = r.Ranking[0];
        sb.Append(inv, $"Proxy: {best.Device} (monotone with {best.MonotoneCount} of {r.Devices - 1} devices at SRCC >= {r.Threshold:0.00}; decided from {r.Basis})\n\n");
        int w = Math.Max(6, r.Ranking.Max(c => c.Device.Length));
        sb.Append(inv, $"rank  {"device".PadRight(w)}  monotone  mean SRCC  min SRCC\n");
        for (int i = 0; i < r.Ranking.Count; i++)
        {
            var c = r.Ranking[i];
            sb.Append(inv, $"{i + 1,4}  {c.Device.PadRight(w)}  {c.MonotoneCount,8}  {c.MeanSrcc,9:0.0000}  {c.MinSrcc,8:0.0000}\n");
        }
        var weak = r.Ranking.Select(c => c.Device).Where(d => d != best.Device && !best.MonotoneWith.Contains(d)).ToArray();
        if (weak.Length > 0) sb.Append(inv, $"\nNot monotone with {best.Device} (adapt the proxy for these): {string.Join(", ", weak)}\n");
        return sb.ToString();
    }
}

using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using OneProxy.Monotonicity;

namespace OneProxy.Cli.Commands;

/// <summary><c>oneproxy select-proxy</c>: the device monotone with the most others.</summary>
public static class SelectProxyCommand
{
    public static Command Create()
    {
        var space = CommonOptions.Space();
        var latency = CommonOptions.Latency();
        var archs = CommonOptions.Architectures();
        var devices = CommonOptions.Devices();
        var threshold = CommonOptions.Threshold();
        var sample = new Option<int?>("--sample", "-n")
        {
            Description = "Decide from this many random architectures measured on every device (Section 3.5.3 suggests 30-50); default: all rows",
        };
        var seed = CommonOptions.Seed();
        var format = CommonOptions.Format();
        var output = CommonOptions.Output();
        var cmd = new Command("select-proxy",
            "Rank devices as proxy: monotone (SRCC >= threshold) with the most other devices, ties broken by mean SRCC.\n" +
            "Example: oneproxy select-proxy --space nasbench201 --sample 50 --seed 1")
        {
            space, latency, archs, devices, threshold, sample, seed, format, output,
        };
        cmd.SetAction(CommandRunner.Guarded(parse =>
        {
            var (table, _, _) = CommonOptions.LoadLatency(parse, space, latency, archs, devices);
            var t = parse.GetValue(threshold);
            var n = parse.GetValue(sample);
            IReadOnlyList<ProxyCandidate> ranking;
            string basis;
            if (n is int k)
            {
                (ranking, _) = ProxySelector.RankFromSample(table, k, new Random(parse.GetValue(seed)), t);
                basis = $"{k} sampled architectures (seed {parse.GetValue(seed)})";
            }
            else
            {
                ranking = ProxySelector.Rank(SrccMatrix.Compute(table), t);
                basis = $"all {table.RowCount} architectures";
            }
            var inv = CultureInfo.InvariantCulture;
            string text = parse.GetValue(format) switch
            {
                "json" => JsonSerializer.Serialize(new { basis, threshold = t, ranking },
                    new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower }) + "\n",
                "csv" => "rank,device,monotone_count,mean_srcc,min_srcc\n" + string.Concat(ranking.Select((c, i) =>
                    string.Create(inv, $"{i + 1},{c.Device},{c.MonotoneCount},{c.MeanSrcc:0.0000},{c.MinSrcc:0.0000}\n"))),
                _ => Table(ranking, basis, t, table.ColumnNames.Count),
            };
            CommonOptions.Emit(parse, output, text);
            return 0;
        }));
        return cmd;
    }

    private static string Table(IReadOnlyList<ProxyCandidate> ranking, string basis, double t, int devices)
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        var best = ranking[0];
        sb.Append(inv, $"Proxy: {best.Device} (monotone with {best.MonotoneCount} of {devices - 1} devices at SRCC >= {t:0.00}; decided from {basis})\n\n");
        int w = Math.Max(6, ranking.Max(c => c.Device.Length));
        sb.Append(inv, $"rank  {"device".PadRight(w)}  monotone  mean SRCC  min SRCC\n");
        for (int i = 0; i < ranking.Count; i++)
        {
            var c = ranking[i];
            sb.Append(inv, $"{i + 1,4}  {c.Device.PadRight(w)}  {c.MonotoneCount,8}  {c.MeanSrcc,9:0.0000}  {c.MinSrcc,8:0.0000}\n");
        }
        var weak = ranking.Select(c => c.Device).Where(d => d != best.Device && !best.MonotoneWith.Contains(d)).ToArray();
        if (weak.Length > 0) sb.Append(inv, $"\nNot monotone with {best.Device} (adapt the proxy for these): {string.Join(", ", weak)}\n");
        return sb.ToString();
    }
}

using System.Globalization;

namespace OneProxy.Experiments.SrccScale;

/// <summary>
/// SYNTHETIC latency tables for scaling benchmarks (never a dataset): architecture cost is
/// log-normal, every device scales it by its own factor and adds its own log-normal noise, and
/// values are rounded to 0.001 ms so ties occur as in measured tables. Each device draws from
/// its own named stream, so a table is the same whatever the core count.
/// </summary>
public static class SyntheticLatency
{
    public static double[][] Generate(int devices, int archs, int seed, int threads = -1, CancellationToken cancel = default)
    {
        if (devices < 2) throw new InvalidOptionException("devices", $"need at least 2 devices (got {devices})");
        if (archs < 3) throw new InvalidOptionException("archs", $"need at least 3 architectures (got {archs})");
        var root = new SeedStream(seed).Derive("synthetic-latency");
        var cost = new double[archs];
        var archRng = root.Random("archs");
        for (int a = 0; a < archs; a++) cost[a] = Math.Exp(0.6 * Normal(archRng));
        var columns = new double[devices][];
        var options = new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = cancel };
        Parallel.For(0, devices, options, d =>
        {
            var rng = root.Derive("device", d).NewRandom();
            double scale = 1 + 20 * rng.NextDouble(), noise = 0.02 + 0.3 * rng.NextDouble();
            var col = new double[archs];
            for (int a = 0; a < archs; a++)
                col[a] = Math.Round(scale * cost[a] * Math.Exp(noise * Normal(rng)), 3);
            columns[d] = col;
        });
        return columns;
    }

    public static string DeviceName(int d) => $"synthetic_{d:D5}";

    /// <summary>Writes <c>index,synthetic_00000,...</c> rows, readable by every latency command.</summary>
    public static void WriteCsv(string path, double[][] columns, CancellationToken cancel = default)
    {
        int archs = columns.Length == 0 ? 0 : columns[0].Length;
        using var w = new StreamWriter(path, false, new System.Text.UTF8Encoding(false), 1 << 20);
        w.Write("index");
        for (int d = 0; d < columns.Length; d++) { w.Write(','); w.Write(DeviceName(d)); }
        w.Write('\n');
        Span<char> buf = stackalloc char[32];
        for (int a = 0; a < archs; a++)
        {
            if ((a & 0xFFF) == 0) cancel.ThrowIfCancellationRequested();
            w.Write(a);
            foreach (var col in columns)
            {
                w.Write(',');
                col[a].TryFormat(buf, out int n, "0.###", CultureInfo.InvariantCulture);
                w.Write(buf[..n]);
            }
            w.Write('\n');
        }
    }

    private static double Normal(Random rng)
    {
        double u = 1 - rng.NextDouble(), v = rng.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * v);
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using OneProxy.Monotonicity;

namespace OneProxy.Experiments.SrccScale;

/// <summary>Which reference runs beside OneProxy on the same data in the same run.</summary>
public enum SrccReference { None, Scipy }

/// <summary>Options of <c>bench srcc --devices N --archs M</c>, validated once.</summary>
public sealed record SrccScaleOptions(int Devices, int Archs, int Seed, SrccReference Reference, int Threads,
    string Python = "/usr/bin/python3", string? ReferenceScript = null, string? WriteCsv = null, int? Top = null)
{
    public SrccScaleOptions Validated()
    {
        if (Devices is < 2 or > 100_000) throw new InvalidOptionException("devices", $"must be in [2, 100000] (got {Devices})");
        if (Archs is < 3 or > 100_000_000) throw new InvalidOptionException("archs", $"must be in [3, 100000000] (got {Archs})");
        if ((long)Devices * Archs > 4_000_000_000L)
            throw new InvalidOptionException("devices", $"{Devices} devices x {Archs} architectures is more than 4e9 values");
        if (Top is int k && (k < 1 || Reference != SrccReference.None))
            throw new InvalidOptionException("top", $"must be at least 1 and runs without a reference (got {k}, reference {Reference})");
        if (Threads == 0 || Threads < -1) throw new InvalidOptionException("threads", $"must be -1 (all cores) or positive (got {Threads})");
        if (Reference == SrccReference.Scipy && (ReferenceScript is null || !File.Exists(ReferenceScript)))
            throw new InvalidOptionException("reference", $"scipy reference script not found: {ReferenceScript ?? "(none)"} (bench/srcc_reference.py)");
        return this;
    }
}

/// <summary>One row of the benchmark's CSV; the data are SYNTHETIC (see <see cref="SyntheticLatency"/>).</summary>
public sealed record SrccScaleResult(string Data, int Devices, int Archs, int Threads, double GenerateSeconds,
    double OneProxySeconds, double RankSeconds, double? ScipySeconds, double? Ratio, double Gflops, double PeakGflops,
    double? MaxAbsDiff, double PeakWorkingSetMb, string ReferenceVersion, double? Peak512Gflops = null);

/// <summary>
/// Times the SRCC matrix of a generated table in-process, optionally scipy's spearmanr on the
/// very same values in a child process of the same run, and the machine's FMA peak.
/// </summary>
public static class SrccScaleBenchmark
{
    public static SrccScaleResult Run(SrccScaleOptions options, CancellationToken cancel = default)
    {
        var o = options.Validated();
        int threads = o.Threads == -1 ? Environment.ProcessorCount : o.Threads;
        var sw = Stopwatch.StartNew();
        var columns = SyntheticLatency.Generate(o.Devices, o.Archs, o.Seed, threads, cancel);
        double generate = sw.Elapsed.TotalSeconds;
        if (o.WriteCsv is not null) SyntheticLatency.WriteCsv(o.WriteCsv, columns, cancel);
        var names = Enumerable.Range(0, o.Devices).Select(SyntheticLatency.DeviceName).ToArray();

        // Warm-up on small slices (both ranking paths): JIT and thread pool, not the caches of the real run.
        foreach (int n in new[] { Math.Min(o.Archs, 1000), Math.Min(o.Archs, CentredRankPanel.RadixFrom + 1) })
            SrccMatrix.Compute(names[..2], n, c => columns[c].AsSpan(0, n), threads, cancel);
        GC.Collect(); // the generator's garbage is not the matrix's memory
        sw.Restart();
        var panel = CentredRankPanel.Build(o.Devices, o.Archs, c => columns[c], threads, cancel);
        double rankSeconds = sw.Elapsed.TotalSeconds;
        SrccMatrix? matrix = null;
        if (o.Top is int k) SrccTopK.FromPanel(names, panel, k, threads: threads, cancel: cancel);
        else matrix = SrccMatrix.FromPanel(names, panel, threads, cancel);
        double ours = sw.Elapsed.TotalSeconds;
        double peakMb = Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0;

        double? scipy = null, diff = null;
        string version = "";
        if (o.Reference == SrccReference.Scipy)
            (scipy, diff, version) = RunScipy(o, columns, matrix!, cancel);
        // Useful work: the upper triangle with its diagonal (top-k: every pair, both ways), one multiply and one add per row.
        double flops = (o.Top is null ? (double)o.Devices * (o.Devices + 1) / 2 : (double)o.Devices * o.Devices) * o.Archs * 2;
        double peak = FmaPeak.MeasureGflops(threads, TimeSpan.FromSeconds(1));
        double? peak512 = FmaPeak.Vector512Available ? FmaPeak.MeasureGflops(threads, TimeSpan.FromSeconds(1), wide: true) : null;
        return new SrccScaleResult(o.Top is int top ? $"SYNTHETIC top-{top}" : "SYNTHETIC", o.Devices, o.Archs, threads, generate, ours, rankSeconds, scipy,
            scipy / ours, flops / ours / 1e9, peak, diff, peakMb, version, peak512);
    }

    private static (double Seconds, double MaxAbsDiff, string Version) RunScipy(SrccScaleOptions o, double[][] columns,
        SrccMatrix matrix, CancellationToken cancel)
    {
        string dir = Path.Combine(Path.GetTempPath(), $"oneproxy-srcc-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        try
        {
            string data = Path.Combine(dir, "synthetic.bin"), result = Path.Combine(dir, "rho.bin");
            using (var f = new BinaryWriter(File.Create(data)))
                foreach (var col in columns) f.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(col.AsSpan()));
            var psi = new ProcessStartInfo(o.Python) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in new[] { o.ReferenceScript!, data, o.Archs.ToString(CultureInfo.InvariantCulture),
                         o.Devices.ToString(CultureInfo.InvariantCulture), result }) psi.ArgumentList.Add(a);
            using var p = Process.Start(psi) ?? throw new UnusableDataException($"could not start {o.Python}");
            var stderr = p.StandardError.ReadToEndAsync(cancel);
            string stdout = p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            if (p.ExitCode != 0)
                throw new UnusableDataException($"scipy reference failed (exit {p.ExitCode}): {OneProxyException.Quote(stderr.Result.Trim(), 300)}");
            using var json = JsonDocument.Parse(stdout.Trim().Split('\n')[^1]);
            double seconds = json.RootElement.GetProperty("scipy_s").GetDouble();
            string version = $"scipy {json.RootElement.GetProperty("scipy").GetString()}";
            var rho = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, double>(File.ReadAllBytes(result).AsSpan());
            double worst = 0;
            for (int i = 0; i < o.Devices; i++)
                for (int j = 0; j < o.Devices; j++)
                    worst = Math.Max(worst, Math.Abs(rho[i * o.Devices + j] - matrix[i, j]));
            return (seconds, worst, version);
        }
        finally { Directory.Delete(dir, recursive: true); }
    }
}

/// <summary>The benchmark's CSV (one header, one row per run); every row says SYNTHETIC.</summary>
public static class SrccScaleCsv
{
    public const string Header =
        "data,devices,archs,threads,oneproxy_s,rank_s,scipy_s,ratio,gflops,peak_gflops,max_abs_diff,peak_rss_mb,reference,generate_s,peak512_gflops";

    public static string Row(SrccScaleResult r)
    {
        var inv = CultureInfo.InvariantCulture;
        static string Opt(double? v, string format) => v is double x ? x.ToString(format, CultureInfo.InvariantCulture) : "";
        return string.Join(',', r.Data, r.Devices.ToString(inv), r.Archs.ToString(inv), r.Threads.ToString(inv),
            r.OneProxySeconds.ToString("0.000", inv), r.RankSeconds.ToString("0.000", inv), Opt(r.ScipySeconds, "0.000"),
            Opt(r.Ratio, "0.00"), r.Gflops.ToString("0.0", inv), r.PeakGflops.ToString("0.0", inv), Opt(r.MaxAbsDiff, "G3"),
            r.PeakWorkingSetMb.ToString("0", inv), r.ReferenceVersion, r.GenerateSeconds.ToString("0.000", inv), Opt(r.Peak512Gflops, "0.0"));
    }
}

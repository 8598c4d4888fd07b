using System.Globalization;
using System.Text;
using OneProxy.Monotonicity;
using OneProxy.Reports;

namespace OneProxy.Application.Monotonicity;

/// <summary><c>oneproxy estimate-srcc</c>: the SRCC of two devices from k random architectures, R times, against the SRCC over all of them.</summary>
public sealed record EstimateSrccRequest(LatencyInput Latency, IReadOnlyList<string> Pair, IReadOnlyList<int> Samples, int Repetitions = 100, int Seed = 0)
{
    public EstimateSrccRequest Validate()
    {
        Require.That(Pair.Count == 2, "pair", $"needs exactly two devices, got {Pair.Count}");
        Require.That(Samples.Count > 0, "samples", "give at least one sample size");
        foreach (var k in Samples) Require.AtLeast(k, 2, "samples");
        Require.AtLeast(Repetitions, 1, "repetitions");
        return this;
    }
}

public sealed record EstimateSrccReport(string DeviceA, string DeviceB, double SrccAll, int Architectures, IReadOnlyList<SrccEstimate> Estimates, IReadOnlyList<string> Notes);

public static class EstimateSrccUseCase
{
    /// <summary>One random consumer (the draws), so the seed is used as given and docs/monotonicity.md's numbers reproduce.</summary>
    public static EstimateSrccReport Run(EstimateSrccRequest request)
    {
        request.Validate();
        // Only the two devices' values are parsed and kept.
        var loaded = (request.Latency with { Devices = request.Pair.Distinct().ToArray() }).Load();
        var x = loaded.Table.Column(request.Pair[0]);
        var y = loaded.Table.Column(request.Pair[1]);
        // The SRCC over all rows and the rows both devices measured, once for every sample size.
        var (truth, n) = Spearman.PairwiseComplete(x, y);
        var eligible = SrccEstimator.MeasuredOnBoth(x, y);
        var rng = new Random(request.Seed);
        var results = new List<SrccEstimate>(request.Samples.Count);
        foreach (var k in request.Samples) results.Add(SrccEstimator.Estimate(x, y, k, request.Repetitions, rng, truth, eligible));
        return new EstimateSrccReport(request.Pair[0], request.Pair[1], truth, n, results, loaded.Notes);
    }

    public static OutputTable Table(EstimateSrccReport r)
    {
        var t = new OutputTable("device_a", "device_b", "samples", "repetitions", "mean", "std", "min", "max", "mean_abs_error", "srcc_all");
        static string F(double v) => OutputTable.Num(v, "0.0000");
        foreach (var e in r.Estimates)
            t.Add(r.DeviceA, r.DeviceB, OutputTable.Num(e.SampleSize), OutputTable.Num(e.Repetitions), F(e.Mean), F(e.StdDev), F(e.Min), F(e.Max), F(e.MeanAbsoluteError), F(r.SrccAll));
        return t;
    }

    /// <summary>JSON keeps full precision and nests the estimates.</summary>
    public static string Json(EstimateSrccReport r) =>
        JsonOutput.Write(new { device_a = r.DeviceA, device_b = r.DeviceB, srcc_all = r.SrccAll, architectures = r.Architectures, estimates = r.Estimates });

    public static string Text(EstimateSrccReport r)
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.Append(inv, $"SRCC({r.DeviceA}, {r.DeviceB}) over all {r.Architectures} architectures: {r.SrccAll:0.0000}\n\n");
        sb.Append("      k   draws    mean     std     min     max  mean |err|\n");
        foreach (var e in r.Estimates)
            sb.Append(inv, $"{e.SampleSize,7} {e.Repetitions,7} {e.Mean,7:0.000} {e.StdDev,7:0.000} {e.Min,7:0.000} {e.Max,7:0.000} {e.MeanAbsoluteError,10:0.000}\n");
        return sb.ToString();
    }
}

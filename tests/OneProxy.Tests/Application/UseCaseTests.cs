using System.Globalization;
using OneProxy.Application;
using OneProxy.Application.Bench;
using OneProxy.Application.Monotonicity;
using OneProxy.Application.Search;
using OneProxy.Application.Transfer;
using OneProxy.Monotonicity;
using OneProxy.Reports;
using OneProxy.SearchSpaces;

namespace OneProxy.Tests.Application;

public class UseCaseTests
{
    private static readonly NumberFormatInfo Inv = CultureInfo.InvariantCulture.NumberFormat;

    [SkippableFact]
    public void TransferReportsMeasuredFrontsAndIsReproducibleBySeed()
    {
        TestData.RequireSharedDatasets();
        var request = new TransferRequest { Target = "titan_rtx_1", Seed = 3 };
        var a = TransferUseCase.Run(request);
        var b = TransferUseCase.Run(request);
        Assert.Equal(a.Result.Front.Select(c => c.Architecture), b.Result.Front.Select(c => c.Architecture));
        Assert.True(a.Result.TargetMeasurements <= request.Options.Budget);
        Assert.Equal(a.Result.TargetMeasurements, a.Result.SampleMeasurements + a.Result.PruningMeasurements);
        // The transferred front's latencies are the target's recorded ones, not predictions.
        var truth = TestData.NasBench201Latency;
        var row = truth.RequireArchitectures().Select((arch, i) => (arch, i)).ToDictionary(p => p.arch, p => p.i);
        foreach (var c in a.Result.Front) Assert.Equal(truth.Column("titan_rtx_1")[row[c.Architecture]], c.LatencyMs);
        Assert.InRange(a.HvRatio, 0.5, 1.0);
        Assert.InRange(a.HvRatioProxyOnly, 0.5, 1.0);
    }

    [Fact]
    public void RequestsNameTheFlagTheyRefuse()
    {
        Assert.Equal("target", Assert.Throws<InvalidOptionException>(() => new TransferRequest { Target = "pixel3" }.Validate()).Option);
        Assert.Equal("library", Assert.Throws<InvalidOptionException>(() => new TransferRequest { Target = "eyeriss", Library = ["eyeriss"] }.Validate()).Option);
        Assert.Equal("sample", Assert.Throws<InvalidOptionException>(() => new TransferRequest { Target = "eyeriss", Options = new() { SampleSize = 2 } }.Validate()).Option);
        Assert.Equal("predictor", Assert.Throws<InvalidOptionException>(() => new SearchRequest { PredictorPath = "p.json", Device = "pixel3" }.Validate()).Option);
        Assert.Equal("max-latency", Assert.Throws<InvalidOptionException>(() => new SearchRequest { Device = "pixel3", MaxLatency = -1 }.Validate()).Option);
        Assert.Equal("percentiles", Assert.Throws<InvalidOptionException>(() => new ConstrainRequest { Percentiles = [50, 120] }.Validate()).Option);
        Assert.Equal("targets", Assert.Throws<InvalidOptionException>(() => new BenchAdaptRequest().Validate()).Option);
        Assert.Equal("library", Assert.Throws<InvalidOptionException>(() => new BenchAdaptRequest { Targets = ["fpga"], Library = ["fpga", "pixel2"] }.Validate()).Option);
        Assert.Equal("seeds", Assert.Throws<InvalidOptionException>(() => new BenchTransferRequest { Seeds = 0 }.Validate()).Option);
        var e = Assert.Throws<InvalidOptionException>(() => new EstimateSrccRequest(new LatencyInput(), ["pixel3"], [10]).Validate());
        Assert.StartsWith("--pair: ", e.Message);
    }

    [Theory]
    [InlineData(0, 1.0)]
    [InlineData(25, 2.0)]
    [InlineData(50, 3.0)]
    [InlineData(100, 5.0)]
    public void PercentileIsTheNearestRank(int q, double expected) =>
        Assert.Equal(expected, ConstrainUseCase.Percentile([5.0, 1.0, 4.0, 2.0, 3.0], q));

    [SkippableFact]
    public void ConstrainMeetsEveryPercentileWithFewMeasurements()
    {
        TestData.RequireSharedDatasets();
        var r = ConstrainUseCase.Run(new ConstrainRequest { Targets = ["raspi4"], Percentiles = [50] });
        var row = Assert.Single(r.Rows);
        Assert.True(row.WithinTolerance);
        Assert.InRange(row.TargetMeasurements, 1, 10); // ceil(log2(1/0.001 + 1)) = 10
        Assert.InRange(row.AccuracyGap, 0.0, 5.0);
        // A missing result is written as NaN and an empty arch, not a blank row.
        var csv = CsvOutput.Write(ConstrainOutput.Table(new ConstrainReport([row with { LatencyMs = double.NaN, Arch = null }], [])));
        Assert.Contains(",NaN,", csv);
        Assert.EndsWith(",\n", csv);
    }

    [Fact]
    public void EstimateSrccOnASmallTableMatchesItsFullSrcc()
    {
        var space = new OneProxy.SearchSpaces.NasBench201Space();
        var archs = space.SampleDistinct(40, new Random(4)).ToArray();
        var a = Enumerable.Range(0, 40).Select(i => 1.0 + i).ToArray();
        var b = Enumerable.Range(0, 40).Select(i => 1.0 + i + 3 * Math.Sin(i)).ToArray();
        using var f = TestData.Csv("arch,a,b\n" + string.Concat(archs.Select((x, i) => $"{space.Format(x)},{a[i].ToString(Inv)},{b[i].ToString(Inv)}\n")));
        var r = EstimateSrccUseCase.Run(new EstimateSrccRequest(new LatencyInput(LatencyPath: f.Path), ["a", "b"], [10, 40], Repetitions: 5, Seed: 1));
        Assert.Equal(Spearman.Correlation(a, b), r.SrccAll, 12);
        Assert.Equal(40, r.Architectures);
        // k = all rows: every draw is the whole table, so every estimate equals the full SRCC.
        Assert.Equal(r.SrccAll, r.Estimates[1].Mean, 12);
        Assert.Equal(0, r.Estimates[1].MeanAbsoluteError, 12);
        Assert.Contains(r.Notes, n => n.StartsWith("loaded 40 architectures x 2 devices", StringComparison.Ordinal));
    }

    [SkippableFact]
    public void SearchFrontIsLabelledPredicted()
    {
        TestData.RequireSharedDatasets();
        var r = SearchUseCase.Run(new SearchRequest { Device = "pixel3", Method = SearchMethod.Exhaustive });
        var csv = CsvOutput.Write(FrontTable.Create(r.Space, r.Front, FrontTable.PredictedLatency));
        Assert.StartsWith("arch,predicted_latency_ms,measured_accuracy\n", csv);
        Assert.All(r.Front, c => Assert.True(c.LatencyMs >= 0, $"{c.LatencyMs} ms predicted"));
        Assert.True(r.Front.Count > 10);
        var best = SearchUseCase.Run(new SearchRequest { Device = "pixel3", Method = SearchMethod.Exhaustive, MaxLatency = 10 });
        var one = Assert.Single(best.Front);
        Assert.True(one.LatencyMs <= 10);
        // The constrained optimum is on the unconstrained front.
        Assert.Contains(r.Front, c => c.Architecture.Equals(one.Architecture));
    }

    [Fact]
    public void ConstrainedFitnessRanksEveryFeasibleCandidateFirst()
    {
        var f = ConstrainedFitness.Within(10);
        var arch = new OneProxy.SearchSpaces.NasBench201Space().SampleDistinct(1, new Random(0)).First();
        double feasibleWorst = f(new OneProxy.Search.Candidate(arch, 10, 0));
        double infeasibleBest = f(new OneProxy.Search.Candidate(arch, 10.001, 99));
        Assert.True(feasibleWorst < infeasibleBest);
        Assert.True(f(new OneProxy.Search.Candidate(arch, 11, 50)) < f(new OneProxy.Search.Candidate(arch, 12, 99)));
    }
}

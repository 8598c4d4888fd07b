using System.Globalization;
using System.Text;
using OneProxy.Application;
using OneProxy.Application.Monotonicity;
using OneProxy.Data;
using OneProxy.Monotonicity;

namespace OneProxy.Tests.Data;

/// <summary>Reading only what is used: chosen columns, sampled rows.</summary>
public class WideTableStreamingTests
{
    // 200 rows; every 7th row misses a value on device b (incomplete); c has a bad value in row 3.
    private static string Table(bool badC = false)
    {
        var sb = new StringBuilder("index,a,b,c\n");
        for (int r = 0; r < 200; r++)
        {
            string b = r % 7 == 0 ? "-1" : (r * 0.37 % 11).ToString(CultureInfo.InvariantCulture);
            string c = badC && r == 3 ? "oops" : (200 - r).ToString(CultureInfo.InvariantCulture);
            sb.Append(CultureInfo.InvariantCulture, $"{r},{r * 1.5 + 1.5},{b},{c}\n");
        }
        return sb.ToString();
    }

    [Fact]
    public void OnlyTheChosenColumnsAreParsedInTheirOrder()
    {
        using var f = TestData.Csv(Table(badC: true));
        var t = WideTableReader.Read(f.Path, ValueKind.LatencyMs, only: ["b", "a"]);
        Assert.Equal(new[] { "b", "a" }, t.ColumnNames);
        Assert.Equal(4.5, t.Column("a")[2]);
        Assert.True(double.IsNaN(t.Column("b")[7]));
        // The whole file still fails on the bad value the projection skipped.
        Assert.Throws<DataFormatException>(() => WideTableReader.Read(f.Path, ValueKind.LatencyMs));
        var e = Assert.Throws<UnusableDataException>(() => WideTableReader.Read(f.Path, ValueKind.LatencyMs, only: ["a", "zz"]));
        Assert.Contains("no column 'zz'", e.Message);
    }

    [Fact]
    public void SampledRowsAreCompleteDistinctInFileOrderAndReproducible()
    {
        using var f = TestData.Csv(Table());
        var full = WideTableReader.Read(f.Path, ValueKind.LatencyMs);
        var s1 = WideTableSampler.SampleComplete(f.Path, ValueKind.LatencyMs, null, 30, new Random(3))!;
        var s2 = WideTableSampler.SampleComplete(f.Path, ValueKind.LatencyMs, null, 30, new Random(3))!;
        Assert.Equal(30, s1.RowCount);
        Assert.Equal(s1.Indices, s2.Indices);
        Assert.Equal(s1.Indices!.Order().ToArray(), s1.Indices!.ToArray());
        Assert.Equal(30, s1.Indices!.Distinct().Count());
        for (int i = 0; i < s1.RowCount; i++)
        {
            int row = s1.Indices![i];
            Assert.NotEqual(0, row % 7); // never an incomplete row
            for (int c = 0; c < 3; c++) Assert.Equal(full.Column(c)[row], s1.Column(c)[i]);
        }
        Assert.NotEqual(s1.Indices, WideTableSampler.SampleComplete(f.Path, ValueKind.LatencyMs, null, 30, new Random(4))!.Indices);
    }

    [Fact]
    public void EveryCompleteRowIsDrawnAboutEquallyOften()
    {
        using var f = TestData.Csv(Table());
        var counts = new int[200];
        var rng = new Random(11);
        for (int t = 0; t < 400; t++)
            foreach (var row in WideTableSampler.SampleComplete(f.Path, ValueKind.LatencyMs, null, 10, rng)!.Indices!) counts[row]++;
        var complete = Enumerable.Range(0, 200).Where(r => r % 7 != 0).ToArray();
        Assert.All(Enumerable.Range(0, 200).Where(r => r % 7 == 0), r => Assert.Equal(0, counts[r]));
        // 4,000 draws over 171 rows: 23.4 expected each; a uniform sampler stays well inside [5, 50].
        Assert.All(complete, r => Assert.InRange(counts[r], 5, 50));
    }

    [Fact]
    public void TooLargeASampleNamesTheCompleteRowsAndQuotedFilesAreReadWhole()
    {
        using var f = TestData.Csv(Table());
        var e = Assert.Throws<InvalidOptionException>(() => WideTableSampler.SampleComplete(f.Path, ValueKind.LatencyMs, null, 180, new Random(1)));
        Assert.Contains("must be in [3, 171]", e.Message);
        using var quoted = TestData.Csv("index,\"a\",b\n0,1,2\n1,2,3\n2,3,1\n3,4,4\n");
        Assert.Null(WideTableSampler.SampleComplete(quoted.Path, ValueKind.LatencyMs, null, 3, new Random(1)));
        var r = SelectProxyUseCase.Run(new SelectProxyRequest(new LatencyInput(LatencyPath: quoted.Path), Sample: 3, Seed: 1));
        Assert.Equal(2, r.Devices);
    }

    [Fact]
    public void SelectProxyOnASampleRanksTheSampledRows()
    {
        using var f = TestData.Csv(Table());
        var r = SelectProxyUseCase.Run(new SelectProxyRequest(new LatencyInput(LatencyPath: f.Path), Sample: 40, Seed: 2));
        var sample = WideTableSampler.SampleComplete(f.Path, ValueKind.LatencyMs, null, 40, new Random(2))!;
        var expected = ProxySelector.Rank(SrccMatrix.Compute(sample), 0.9);
        Assert.Equal(expected.Select(c => c.Device), r.Ranking.Select(c => c.Device));
        Assert.Equal(expected.Select(c => c.MeanSrcc), r.Ranking.Select(c => c.MeanSrcc));
    }

    [SkippableFact]
    public void MonotonicityTopKGivesTheDenseMatrixBestPartners()
    {
        TestData.RequireSharedDatasets();
        var input = new LatencyInput();
        var dense = MonotonicityUseCase.Run(new MonotonicityRequest(input)).Matrix!;
        var top = MonotonicityUseCase.Run(new MonotonicityRequest(input, Top: 2));
        Assert.Null(top.Matrix);
        var pixel3 = top.Partners!.Single(p => p.Device == "pixel3");
        int i = dense.IndexOf("pixel3");
        var best = Enumerable.Range(0, dense.Devices.Count).Where(j => j != i).OrderByDescending(j => dense[i, j]).ThenBy(j => j).First();
        Assert.Equal(dense.Devices[best], pixel3.Top[0].Name);
        Assert.Equal(dense[i, best], pixel3.Top[0].Srcc);
        var table = MonotonicityUseCase.PartnersTable(top.Partners!);
        Assert.Equal(2 * dense.Devices.Count, table.Rows.Count);
    }
}

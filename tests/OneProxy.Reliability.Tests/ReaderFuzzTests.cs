using System.Text;
using OneProxy.Accuracy;
using OneProxy.Data;
using OneProxy.Predictors;
using OneProxy.SearchSpaces;
using Xunit.Abstractions;

namespace OneProxy.Reliability.Tests;

/// <summary>
/// Issue 17's fuzz requirement: >= 10,000 generated inputs each over the wide-CSV reader and the
/// model-file readers with no exception but a <see cref="OneProxyException"/>; what is accepted
/// must hold only values a caller can use (finite, in range, names that are safe to print).
/// </summary>
public class ReaderFuzzTests(ITestOutputHelper output)
{
    private static readonly ISearchSpace Space = SearchSpaceRegistry.Get("nasbench201");
    private static readonly Architecture[] Archs = Space.Enumerate().Take(8).ToArray();

    /// <summary>A small valid wide CSV keyed by architecture string or by index (the fuzz seeds).</summary>
    internal static string WideCsv(bool byArch)
    {
        var sb = new StringBuilder(byArch ? "arch,dev_a,dev_b,dev_c\n" : "index,dev_a,dev_b,dev_c\n");
        for (int i = 0; i < Archs.Length; i++)
            sb.Append(byArch ? Space.Format(Archs[i]) : i.ToString()).Append(',').Append(1.5 + i).Append(',').Append(20.25 - i).Append(",-1\n");
        return sb.ToString();
    }

    [Fact]
    public void WideCsvReaderRefusesOrReturnsUsableTables()
    {
        var inputs = FsCheck.Fluent.Gen.OneOf(Mutations.Of(WideCsv(true)), Mutations.Of(WideCsv(false)));
        var run = new FuzzRun<string>("wide CSV reader", output);
        run.Check(inputs, 10_000, text =>
        {
            var kind = text.Length % 3 == 0 ? ValueKind.AccuracyPercent : ValueKind.LatencyMs;
            var table = WideTableReader.Read(new StringReader(text), "fuzz.csv", kind, Space);
            Assert.True(table.RowCount >= 1);
            foreach (var name in table.ColumnNames)
                Assert.True(name.Length is > 0 and <= WideTableReader.MaxColumnNameLength && !name.Any(char.IsControl), $"unsafe column name accepted: {name}");
            for (int c = 0; c < table.ColumnNames.Count; c++)
                foreach (var v in table.Column(c))
                    Assert.True(double.IsNaN(v) || (v >= 0 && v <= (kind == ValueKind.AccuracyPercent ? 100 : WideTableReader.MaxValue)), $"value {v} accepted");
        });
        Assert.True(run.Accepted > 100 && run.Refused > 100, "the generator must reach both outcomes");
    }

    [Fact]
    public void CsvRecordsReaderRefusesOrReturnsRecords()
    {
        var path = Path.Combine(Path.GetTempPath(), $"oneproxy-fuzz-{Guid.NewGuid():N}.csv");
        try
        {
            new FuzzRun<string>("CSV records reader", output).Check(Mutations.Of("key,accuracy,x.latency\na,1,2\nb,3,4\nc,5,6\n"), 2_000, text =>
            {
                File.WriteAllBytes(path, Encoding.UTF8.GetBytes(text)); // a file holds bytes: lone surrogates become U+FFFD
                foreach (var (fields, line) in CsvRecords.Read(path)) Assert.True(line >= 1 && fields is not null);
            });
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void PredictorFileReaderRefusesOrReturnsFinitePredictors()
    {
        var weights = Enumerable.Range(0, Space.FeatureCount).Select(i => 0.01 * (i + 1)).ToArray();
        var json = PredictorFile.Serialize(new LinearPredictor(Space.Name, "pixel3", weights, "least-squares", 0), Space);
        var x = new FeatureMatrix(Space, Archs);
        var run = new FuzzRun<string>("predictor file reader", output);
        run.Check(Mutations.Of(json), 10_000, text =>
        {
            var p = PredictorFile.Deserialize(text, "fuzz.json", Space);
            Assert.All(p.PredictAll(x), v => Assert.True(double.IsFinite(v), $"prediction {v}"));
        });
        Assert.True(run.Accepted > 100 && run.Refused > 100, "the generator must reach both outcomes");
    }

    [Fact]
    public void AccuracyModelFileReaderRefusesOrReturnsFinitePredictors()
    {
        int h = 4, f = Space.FeatureCount;
        var w0 = new double[h, f];
        for (int i = 0; i < h; i++) for (int j = 0; j < f; j++) w0[i, j] = 0.01 * ((i + j) % 7 - 3);
        var w1 = new double[1, h];
        for (int i = 0; i < h; i++) w1[0, i] = 0.1 * (i + 1);
        var mlp = new MlpAccuracyPredictor(Space, [w0, w1], [new double[h], new double[1]], 85, 5, 100);
        var json = MlpFile.Serialize(mlp, Space);
        var run = new FuzzRun<string>("accuracy model file reader", output);
        run.Check(Mutations.Of(json), 10_000, text =>
        {
            var p = MlpFile.Deserialize(text, "fuzz.json", Space);
            Assert.All(p.PredictAll(Archs), v => Assert.True(double.IsFinite(v), $"prediction {v}"));
        });
        Assert.True(run.Accepted > 100 && run.Refused > 100, "the generator must reach both outcomes");
    }
}

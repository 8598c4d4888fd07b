using System.Globalization;
using System.Text;
using OneProxy.SearchSpaces;

namespace OneProxy.Tests.Cli;

/// <summary>
/// Every (command x space): exit 0 with no predicted or measured latency below zero, or exit 2
/// with one line naming what to use instead. Spaces without accuracies (FBNet, OFA, MobileNet-V2)
/// get SYNTHETIC accuracy pairs (a saturating function of FLOPs plus noise, column
/// synthetic_acc) and an MLP fitted on them; OFA, which has no shared recording, gets a SYNTHETIC
/// latency table (FLOPs-proportional devices plus noise).
/// </summary>
public sealed class SpaceMatrixTests : IClassFixture<SpaceMatrixTests.Files>
{
    private readonly Files _f;

    public SpaceMatrixTests(Files files) => _f = files;

    public sealed class Files : IDisposable
    {
        public string Dir { get; } = Directory.CreateTempSubdirectory("oneproxy-matrix-").FullName;
        public string FbNetMlp { get; }
        public string MbV2Mlp { get; }
        public string OfaLatency { get; }
        public string OfaMlp { get; }
        public string MbV2Latency { get; } = RepositoryFiles.Path("docs/data/mobilenetv2-real-latency.csv");

        public Files()
        {
            Directory.CreateDirectory(Path.Combine(Dir, "out"));
            FbNetMlp = Mlp("fbnet", new FbNetSpace(), new FbNetSpace().SampleDistinct(200, new Random(1)));
            var mb = new MobileNetV2Space();
            MbV2Mlp = Mlp("mobilenetv2", mb, File.ReadLines(MbV2Latency).Skip(1).Select(l => mb.Parse(Csv.FirstField(l))).ToArray());
            var ofa = new OfaMobileNetV3Space();
            var archs = ofa.SampleDistinct(200, new Random(2));
            var rng = new Random(3);
            var sb = new StringBuilder("arch,devA,devB\n");
            foreach (var a in archs)
            {
                double f = ofa.Cost(a).MFlops;
                sb.Append(CultureInfo.InvariantCulture, $"{Csv.Quote(ofa.Format(a))},{0.02 * f + 1 + rng.NextDouble():0.####},{0.015 * f + 2 + 2 * rng.NextDouble():0.####}\n");
            }
            OfaLatency = Path.Combine(Dir, "ofa-latency-SYNTHETIC.csv");
            File.WriteAllText(OfaLatency, sb.ToString());
            OfaMlp = Mlp("ofa-mbv3", ofa, archs);
        }

        private string Mlp(string name, ISearchSpace space, IReadOnlyList<Architecture> archs)
        {
            var rng = new Random(4);
            var sb = new StringBuilder("arch,synthetic_acc\n");
            foreach (var a in archs)
                sb.Append(CultureInfo.InvariantCulture, $"{Csv.Quote(space.Format(a))},{60 + 15 * (1 - Math.Exp(-space.Cost(a).MFlops / 300)) + rng.NextDouble():0.###}\n");
            var pairs = Path.Combine(Dir, $"{name}-accuracy-SYNTHETIC.csv");
            File.WriteAllText(pairs, sb.ToString());
            var mlp = Path.Combine(Dir, $"{name}-mlp.json");
            var r = CliTests.Run("fit-accuracy", "--space", name, "--accuracy", pairs, "--accuracy-column", "synthetic_acc", "--sample", "150", "--epochs", "20", "-o", mlp);
            Assert.True(r.Code == 0, r.Err);
            return mlp;
        }

        public void Dispose() => Directory.Delete(Dir, recursive: true);
    }

    private static class Csv
    {
        public static string Quote(string s) => s.Contains(',') ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;

        public static string FirstField(string line) => line.StartsWith('"') ? line[1..line.IndexOf("\",", StringComparison.Ordinal)].Replace("\"\"", "\"") : line[..line.IndexOf(',')];
    }

    /// <summary>Quick search settings, so the matrix runs in seconds.</summary>
    private static readonly string[] Quick = ["--generations", "3", "--population", "16", "--sweep", "2"];

    private string[] Args(string spec) => spec.Split(' ', StringSplitOptions.RemoveEmptyEntries).SelectMany(a => a switch
    {
        "QUICK" => Quick,
        "FBMLP" => [_f.FbNetMlp],
        "MBMLP" => [_f.MbV2Mlp],
        "MBLAT" => [_f.MbV2Latency],
        "OFALAT" => [_f.OfaLatency],
        "OFAMLP" => [_f.OfaMlp],
        _ when a.StartsWith("OUT", StringComparison.Ordinal) => [Path.Combine(_f.Dir, "out") + a[3..]],
        _ => [a],
    }).ToArray();

    [SkippableTheory]
    // search
    [InlineData("search --space nasbench201 --device pixel3 --method exhaustive")]
    [InlineData("search --space nasbench201 --device raspi4 QUICK")]
    [InlineData("search --space fbnet --device pixel3 --accuracy-predictor FBMLP QUICK")]
    [InlineData("search --space fbnet --device raspi4 --accuracy-predictor FBMLP --method nsga2 QUICK")]
    [InlineData("search --space mobilenetv2 --latency MBLAT --device cpu_t1 --accuracy-predictor MBMLP QUICK")]
    [InlineData("search --space ofa-mbv3 --latency OFALAT --device devA --accuracy-predictor OFAMLP --method nsga2 QUICK")]
    [InlineData("search --space ofa-mbv3 --latency OFALAT --device devB --accuracy-predictor OFAMLP QUICK")]
    // transfer
    [InlineData("transfer --space nasbench201 --proxy pixel3 --target raspi4")]
    [InlineData("transfer --space fbnet --proxy pixel3 --target raspi4 --accuracy-predictor FBMLP")]
    [InlineData("transfer --space mobilenetv2 --latency MBLAT --proxy h100_b1 --target cpu_t1 --accuracy-predictor MBMLP")]
    [InlineData("transfer --space ofa-mbv3 --latency OFALAT --proxy devA --target devB --accuracy-predictor OFAMLP")]
    // constrain
    [InlineData("constrain --space nasbench201 --proxy pixel3 --targets raspi4 --max-latency 20 --format json")]
    [InlineData("constrain --space fbnet --proxy pixel3 --targets raspi4 --accuracy-predictor FBMLP --format json")]
    [InlineData("constrain --space mobilenetv2 --latency MBLAT --proxy h100_b1 --targets cpu_t1,cpu_t2 --accuracy-predictor MBMLP --format json")]
    [InlineData("constrain --space ofa-mbv3 --latency OFALAT --proxy devA --targets devB --accuracy-predictor OFAMLP --format json")]
    // fit-predictor, fit-accuracy
    [InlineData("fit-predictor --space fbnet --devices pixel3 --output-dir OUT")]
    [InlineData("fit-predictor --space mobilenetv2 --latency MBLAT --output-dir OUT")]
    [InlineData("fit-predictor --space ofa-mbv3 --latency OFALAT --output-dir OUT")]
    [InlineData("fit-accuracy --space nasbench201 --sample 100 --epochs 5 -o OUT/acc.json")]
    public void WorksAndPredictsNoLatencyBelowZero(string spec)
    {
        TestData.RequireSharedDatasets();
        var (code, output, err) = CliTests.Run(Args(spec));
        Assert.True(code == 0, $"{spec}: exit {code}: {err}");
        Assert.DoesNotContain('\u001b', err); // no progress bar when the output is not a terminal
        foreach (var value in LatencyValues(output)) Assert.True(value >= 0, $"{spec}: latency {value}");
    }

    [SkippableTheory]
    [InlineData("search --space fbnet --device pixel3", "--accuracy-predictor")]
    [InlineData("transfer --space fbnet --proxy pixel3 --target raspi4", "--accuracy-predictor")]
    [InlineData("constrain --space fbnet --proxy pixel3 --targets raspi4 --max-latency 20", "--accuracy-predictor")]
    [InlineData("fit-accuracy --space fbnet -o OUT/acc.json", "--accuracy PAIRS.csv")]
    [InlineData("search --space mobilenetv2 --device cpu_t1", "--latency CSV")]
    [InlineData("search --space mobilenetv2 --latency MBLAT --device cpu_t1", "--accuracy-predictor")]
    [InlineData("transfer --space mobilenetv2 --proxy h100_b1 --target cpu_t1", "--latency CSV")]
    [InlineData("constrain --space mobilenetv2 --latency MBLAT --proxy h100_b1 --targets cpu_t1", "--accuracy-predictor")]
    [InlineData("fit-accuracy --space mobilenetv2 -o OUT/acc.json", "--accuracy PAIRS.csv")]
    [InlineData("fit-predictor --space mobilenetv2 --output-dir OUT", "--latency CSV")]
    [InlineData("search --space ofa-mbv3 --device devA", "--latency CSV")]
    [InlineData("search --space ofa-mbv3 --latency OFALAT --device devA", "--accuracy-predictor")]
    [InlineData("search --space ofa-mbv3 --latency OFALAT --device devA --accuracy-predictor OFAMLP --method exhaustive", "--method evolution or nsga2")]
    [InlineData("search --space ofa-mbv3 --latency OFALAT --device devA --accuracy-predictor OFAMLP --method gradient", "--method evolution or nsga2")]
    [InlineData("transfer --space ofa-mbv3 --proxy devA --target devB", "--latency CSV")]
    [InlineData("constrain --space ofa-mbv3 --latency OFALAT --proxy devA --targets devB", "--accuracy-predictor")]
    [InlineData("fit-accuracy --space ofa-mbv3 -o OUT/acc.json", "--accuracy PAIRS.csv")]
    public void SaysInOneLineWhatToUseInstead(string spec, string alternative)
    {
        TestData.RequireSharedDatasets();
        var (code, _, err) = CliTests.Run(Args(spec));
        Assert.True(code == 2, $"{spec}: exit {code}: {err}");
        var line = Assert.Single(err.Trim().Split('\n'), l => l.StartsWith("error:", StringComparison.Ordinal));
        Assert.Contains(alternative, line);
        Assert.DoesNotContain("   at ", err);
    }

    /// <summary>Every value in a column or JSON key whose name ends in latency_ms (CSV or JSON output).</summary>
    private static IEnumerable<double> LatencyValues(string output)
    {
        var text = output.TrimStart();
        if (text.StartsWith('{') || text.StartsWith('['))
        {
            using var doc = System.Text.Json.JsonDocument.Parse(text);
            foreach (var v in Walk(doc.RootElement)) yield return v;
            yield break;
        }
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (lines.Length == 0) yield break;
        var header = lines[0].Split(',');
        var cols = header.Select((h, i) => (h, i)).Where(p => p.h.EndsWith("latency_ms", StringComparison.Ordinal)).Select(p => p.i).ToArray();
        foreach (var line in lines.Skip(1))
        {
            // The arch may be quoted JSON with commas (OFA): count fields from the end.
            var fields = line.Split(',');
            foreach (var c in cols)
            {
                var cell = fields[fields.Length - (header.Length - c)];
                if (double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var v)) yield return v;
            }
        }
    }

    private static IEnumerable<double> Walk(System.Text.Json.JsonElement e)
    {
        if (e.ValueKind == System.Text.Json.JsonValueKind.Array)
            foreach (var x in e.EnumerateArray()) foreach (var v in Walk(x)) yield return v;
        if (e.ValueKind != System.Text.Json.JsonValueKind.Object) yield break;
        foreach (var p in e.EnumerateObject())
        {
            if (p.Name.EndsWith("latency_ms", StringComparison.Ordinal) && p.Value.ValueKind == System.Text.Json.JsonValueKind.Number) yield return p.Value.GetDouble();
            foreach (var v in Walk(p.Value)) yield return v;
        }
    }
}

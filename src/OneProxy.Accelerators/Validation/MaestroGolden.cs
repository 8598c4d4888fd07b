using System.Globalization;

namespace OneProxy.Accelerators.Validation;

/// <summary>One MAESTRO result row: a layer's cycles/energy on one hardware point, or MAESTRO's rejection.</summary>
public sealed record GoldenRow(string Network, Dataflow Dataflow, string HwId, int NumPes, int NocBw, int OffchipBw,
    int L1, int L2, string Layer, long Cycles, double EnergyNj, long Macs, string Verdict)
{
    public bool Ok => Verdict == "ok";
    public AcceleratorConfig Hardware => new(Dataflow, NumPes, NocBw, OffchipBw, L1, L2);
}

/// <summary>
/// Reads the golden files written by tests/OneProxy.Accelerators.Tests/Golden/make_golden.py:
/// MAESTRO's per-layer outputs (<c>maestro_golden.csv</c>) and the bundled networks' layer
/// dimensions (<c>maestro_networks.csv</c>).
/// </summary>
public static class MaestroGolden
{
    public static IReadOnlyList<GoldenRow> LoadResults(string path)
    {
        var rows = new List<GoldenRow>();
        foreach (var (f, line) in Csv(path))
        {
            bool ok = f[12] == "ok";
            rows.Add(new GoldenRow(f[0], DataflowNames.Parse(f[1]), f[2], I(f[3]), I(f[4]), I(f[5]), I(f[6]), I(f[7]),
                f[8], ok ? long.Parse(f[9], CultureInfo.InvariantCulture) : 0,
                ok ? double.Parse(f[10], CultureInfo.InvariantCulture) : 0, ok ? long.Parse(f[11], CultureInfo.InvariantCulture) : 0, f[12]));
        }
        return rows;
    }

    public static IReadOnlyDictionary<string, (List<string> Names, List<Layer> Layers)> LoadNetworks(string path)
    {
        var nets = new Dictionary<string, (List<string>, List<Layer>)>();
        foreach (var (f, _) in Csv(path))
        {
            if (!nets.TryGetValue(f[0], out var n)) nets[f[0]] = n = ([], []);
            var kind = f[2] switch
            {
                "CONV" => LayerKind.Conv,
                "DSCONV" => LayerKind.DepthwiseConv,
                _ => throw new FormatException($"{path}: unsupported layer type {f[2]}"),
            };
            n.Item1.Add(f[1]);
            n.Item2.Add(new Layer(kind, I(f[3]), I(f[4]), I(f[5]), I(f[6]), I(f[7]), I(f[8]), I(f[9]), I(f[10])));
        }
        return nets;
    }

    private static int I(string s) => int.Parse(s, CultureInfo.InvariantCulture);

    /// <summary>Rows of a simple CSV (quoted fields without embedded quotes), header skipped.</summary>
    /// <summary>Lines of a text file, gunzipped when it ends in .gz (the 3 MB golden table is stored compressed).</summary>
    private static IEnumerable<string> Lines(string path)
    {
        if (!path.EndsWith(".gz", StringComparison.Ordinal)) { foreach (var l in File.ReadLines(path)) yield return l; yield break; }
        using var reader = new StreamReader(new System.IO.Compression.GZipStream(File.OpenRead(path), System.IO.Compression.CompressionMode.Decompress));
        while (reader.ReadLine() is { } line) yield return line;
    }

    private static IEnumerable<(string[] Fields, int Line)> Csv(string path)
    {
        int ln = 0;
        foreach (var raw in Lines(path))
        {
            ln++;
            if (ln == 1 || raw.Length == 0) continue;
            var fields = new List<string>();
            int i = 0;
            while (i <= raw.Length)
            {
                if (i < raw.Length && raw[i] == '"')
                {
                    int end = raw.IndexOf('"', i + 1);
                    fields.Add(raw[(i + 1)..end]);
                    i = end + 2;
                }
                else
                {
                    int end = raw.IndexOf(',', i);
                    if (end < 0) end = raw.Length;
                    fields.Add(raw[i..end]);
                    i = end + 1;
                }
            }
            yield return (fields.ToArray(), ln);
        }
    }
}

using System.Globalization;
using OneProxy.Accelerators.Networks;
using OneProxy.Data;

namespace OneProxy.Accelerators.Codesign;

/// <summary>One model of a co-design set: dataset index, architecture text, accuracy, layers.</summary>
public sealed record ModelEntry(int Index, string Arch, double Accuracy, IReadOnlyList<Layer> Layers, double ReferenceMacs);

/// <summary>
/// The model sets of the thesis's co-design study: NAS-Bench-301 (1,018 DARTS genotypes with
/// NB301 surrogate accuracy) and AlphaNet (1,046 configs with predicted top-1), read from
/// $ONEPROXY_DATA (never copied into the repository).
/// </summary>
public static class ModelSet
{
    public static readonly string[] Names = ["nasbench301", "alphanet"];

    public static IReadOnlyList<ModelEntry> Load(string name, int limit = int.MaxValue)
    {
        string path = name switch
        {
            "nasbench301" => DatasetLocator.File("nasbench301", "architectures.csv"),
            "alphanet" => DatasetLocator.File("alphanet", "architectures.csv"),
            _ => throw new UnusableDataException($"unknown model set '{name}' (expected nasbench301 or alphanet)"),
        };
        var list = new List<ModelEntry>();
        using var records = CsvRecords.Read(path).GetEnumerator();
        var header = records.MoveNext() ? records.Current.Fields : throw new DataFormatException(path, 1, null, "empty file");
        int Col(string c) => Array.IndexOf(header, c) is var i and >= 0 ? i : throw new DataFormatException(path, 1, c, $"missing column '{c}'");
        int iIdx = Col("index"), iArch = Col("arch");
        int iAcc = Col(name == "nasbench301" ? "nb301_pred_acc" : "pred_top1_acc");
        int iMacs = Col(name == "nasbench301" ? "macs_32x32" : "mflops");
        while (list.Count < limit && records.MoveNext())
        {
            var (f, line) = records.Current;
            try
            {
                int index = int.Parse(f[iIdx], CultureInfo.InvariantCulture);
                double acc = double.Parse(f[iAcc], CultureInfo.InvariantCulture);
                double macs = double.Parse(f[iMacs], CultureInfo.InvariantCulture) * (name == "alphanet" ? 1e6 : 1);
                var layers = name == "nasbench301"
                    ? DartsNetwork.Layers(DartsGenotype.ParseJson(f[iArch]))
                    : AlphaNetNetwork.Layers(AlphaNetConfig.ParseJson(f[iArch]));
                list.Add(new ModelEntry(index, f[iArch], acc, layers, macs));
            }
            catch (Exception e) when (e is FormatException or System.Text.Json.JsonException or IndexOutOfRangeException)
            {
                throw new DataFormatException(path, line, "arch", e.Message);
            }
        }
        return list;
    }
}

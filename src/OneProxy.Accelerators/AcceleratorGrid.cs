using System.Globalization;
using OneProxy.Data;

namespace OneProxy.Accelerators;

/// <summary>An accelerator with a stable name (used as a device column name).</summary>
public sealed record NamedAccelerator(string Name, AcceleratorConfig Config);

/// <summary>
/// The thesis's accelerator candidates from $ONEPROXY_DATA/accelerators: the CoDesign hardware
/// files (50 <c>data/hw</c> files plus <c>nb1</c> = 51 per dataflow, x 3 dataflows = 153, as in
/// the thesis) or the full 1,296-point design grid.
/// </summary>
public static class AcceleratorGrid
{
    /// <summary>153 candidates: hardware files 1..51 (no 11) and nb1, each with KC-P, YR-P, X-P. Names: <c>hw19_KC-P</c>.</summary>
    public static IReadOnlyList<NamedAccelerator> Thesis()
    {
        var path = DatasetLocator.File("accelerators", "codesign_hw_files.csv");
        var hw = new List<(string Id, int Pes, int L1, int L2, int Noc, int Off)>();
        int line = 0;
        foreach (var raw in File.ReadLines(path))
        {
            line++;
            if (line == 1 || raw.Trim().Length == 0) continue;
            var f = raw.Split(',');
            if (f.Length != 7) throw new DataFormatException(path, line, null, $"expected 7 fields, found {f.Length}");
            if (f[0] == "nb2") continue;
            int I(int i) => int.TryParse(f[i], NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v
                : throw new DataFormatException(path, line, null, $"field {i + 1} '{f[i]}' is not an integer");
            hw.Add((f[0], I(2), I(3), I(4), I(5), I(6)));
        }
        var list = new List<NamedAccelerator>();
        foreach (var df in Enum.GetValues<Dataflow>())
            foreach (var h in hw)
                list.Add(new NamedAccelerator($"hw{h.Id}_{DataflowNames.Thesis(df)}", AcceleratorConfig.Create(df, h.Pes, h.Noc, h.Off, h.L1, h.L2)));
        return list;
    }

    /// <summary>The full grid: 3 dataflows x 6 PE counts x 8 NoC x 9 off-chip bandwidths. Names: <c>KC-P_512_900_350</c>.</summary>
    public static IReadOnlyList<NamedAccelerator> DesignSpace()
    {
        var path = DatasetLocator.File("accelerators", "design_space.csv");
        var list = new List<NamedAccelerator>();
        int line = 0;
        foreach (var raw in File.ReadLines(path))
        {
            line++;
            if (line == 1 || raw.Trim().Length == 0) continue;
            var f = raw.Split(',');
            if (f.Length != 7) throw new DataFormatException(path, line, null, $"expected 7 fields, found {f.Length}");
            var df = DataflowNames.Parse(f[0]);
            int I(int i) => int.Parse(f[i], CultureInfo.InvariantCulture);
            list.Add(new NamedAccelerator($"{f[0]}_{f[2]}_{f[3]}_{f[4]}", AcceleratorConfig.Create(df, I(2), I(3), I(4), I(5), I(6))));
        }
        return list;
    }
}

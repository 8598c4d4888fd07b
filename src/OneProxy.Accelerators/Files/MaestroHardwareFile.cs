using System.Globalization;

namespace OneProxy.Accelerators.Files;

/// <summary>
/// Reads MAESTRO hardware files: <c>key: value</c> lines with keys <c>num_pes</c>,
/// <c>l1_size_cstr</c>, <c>l2_size_cstr</c>, <c>noc_bw_cstr</c>, <c>offchip_bw_cstr</c> and
/// optionally <c>NoC_NumHops</c>. The dataflow is not part of the file.
/// </summary>
public static class MaestroHardwareFile
{
    public static AcceleratorConfig Load(string path, Dataflow dataflow) => Parse(File.ReadAllText(path), dataflow, path);

    public static AcceleratorConfig Parse(string text, Dataflow dataflow, string fileName = "<hardware>")
    {
        var values = new Dictionary<string, (int Value, int Line, int Col)>();
        var lines = text.Split('\n');
        for (int li = 0; li < lines.Length; li++)
        {
            var line = lines[li];
            int cut = line.IndexOf("//", StringComparison.Ordinal);
            if (cut >= 0) line = line[..cut];
            if (line.Trim().Length == 0) continue;
            int colon = line.IndexOf(':');
            int col = line.Length - line.TrimStart().Length + 1;
            if (colon < 0) throw new MaestroFormatException(fileName, li + 1, col, $"expected 'key: value', found '{line.Trim()}'");
            var key = line[..colon].Trim();
            var val = line[(colon + 1)..].Trim();
            if (key is not ("num_pes" or "l1_size_cstr" or "l2_size_cstr" or "noc_bw_cstr" or "offchip_bw_cstr" or "NoC_NumHops"))
                throw new MaestroFormatException(fileName, li + 1, col, $"unknown key '{key}' (expected num_pes, l1_size_cstr, l2_size_cstr, noc_bw_cstr, offchip_bw_cstr or NoC_NumHops)");
            int vcol = colon + 2 + (line[(colon + 1)..].Length - line[(colon + 1)..].TrimStart().Length);
            if (!int.TryParse(val, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n))
                throw new MaestroFormatException(fileName, li + 1, vcol, $"expected an integer for {key}, found '{val}'");
            if (n <= 0) throw new MaestroFormatException(fileName, li + 1, vcol, $"{key} must be positive, found {n}");
            values[key] = (n, li + 1, vcol);
        }
        foreach (var need in new[] { "num_pes", "noc_bw_cstr", "offchip_bw_cstr" })
            if (!values.ContainsKey(need)) throw new MaestroFormatException(fileName, lines.Length, 1, $"missing '{need}'");
        int Get(string k, int dflt) => values.TryGetValue(k, out var v) ? v.Value : dflt;
        return AcceleratorConfig.Create(dataflow, Get("num_pes", 0), Get("noc_bw_cstr", 0), Get("offchip_bw_cstr", 0),
            Get("l1_size_cstr", 100), Get("l2_size_cstr", 3000), Get("NoC_NumHops", 1));
    }
}

using System.Globalization;
using OneProxy.Data;
using OneProxy.Reports.Figures;
using OneProxy.SearchSpaces;
using OneProxy.Monotonicity;

namespace OneProxy.Energy.Plots;

/// <summary>One search space's measurements: a wide energy CSV and a wide latency CSV keyed by <c>arch</c>.</summary>
public sealed record EnergyPlotSeries(string Space, string EnergyCsv, string LatencyCsv)
{
    /// <summary>Parses <c>SPACE=ENERGY.csv,LATENCY.csv</c> (the form of <c>--series</c>).</summary>
    public static EnergyPlotSeries Parse(string text)
    {
        var eq = text.IndexOf('=', StringComparison.Ordinal);
        var files = eq > 0 ? text[(eq + 1)..].Split(',', StringSplitOptions.TrimEntries) : [];
        if (files.Length != 2 || files.Any(f => f.Length == 0))
            throw new InvalidOptionException("series", $"expected SPACE=ENERGY.csv,LATENCY.csv, got '{text}'");
        return new EnergyPlotSeries(text[..eq].Trim(), files[0], files[1]);
    }
}

/// <summary>Options of <c>oneproxy energy plot</c>: the sets to draw and the device column both CSVs share.</summary>
public sealed record EnergyPlotOptions(IReadOnlyList<EnergyPlotSeries> Series, string Column, string? Title = null)
{
    public EnergyPlotOptions Validated()
    {
        if (Series.Count == 0) throw new InvalidOptionException("series", "give at least one SPACE=ENERGY.csv,LATENCY.csv");
        if (Series.Count > FigureStyle.Markers.Length) throw new InvalidOptionException("series", $"at most {FigureStyle.Markers.Length} series fit one figure, got {Series.Count}");
        foreach (var s in Series)
        {
            if (!SearchSpaceRegistry.Names.Contains(s.Space))
                throw new InvalidOptionException("series", $"unknown space '{s.Space}' (known: {string.Join(", ", SearchSpaceRegistry.Names.Order())})");
            foreach (var f in new[] { s.EnergyCsv, s.LatencyCsv })
                if (!File.Exists(f)) throw new InvalidOptionException("series", $"file not found: {f}");
        }
        if (string.IsNullOrWhiteSpace(Column)) throw new InvalidOptionException("column", "give the device column the energy and latency CSVs share");
        return this;
    }
}

/// <summary>Per space: architectures with both values, and the rank correlation of energy with latency over them.</summary>
public sealed record EnergyPlotSpace(string Space, int Points, double Srcc, double MinLatencyMs, double MaxLatencyMs, double MinEnergyMj, double MaxEnergyMj);

public sealed record EnergyPlotResult(Figure Figure, IReadOnlyList<EnergyPlotSpace> Spaces);

/// <summary>
/// Measured energy per inference against measured latency, one marker set per search space, joined on the
/// architecture (rows missing either value are left out and the legend counts what is drawn).
/// </summary>
public static class EnergyPlotUseCase
{
    public static EnergyPlotResult Run(EnergyPlotOptions options, CancellationToken ct = default)
    {
        var o = options.Validated();
        var spaces = new List<EnergyPlotSpace>();
        var series = new List<ScatterSeries>();
        foreach (var s in o.Series)
        {
            ct.ThrowIfCancellationRequested();
            var space = SearchSpaceRegistry.Get(s.Space);
            var energy = Column(s.EnergyCsv, o.Column, space);
            var latency = Column(s.LatencyCsv, o.Column, space);
            var keys = energy.Keys.Where(latency.ContainsKey).ToArray();
            if (keys.Length == 0) throw new UnusableDataException($"{s.EnergyCsv} and {s.LatencyCsv} share no architecture with both values in column '{o.Column}'");
            double[] x = keys.Select(k => latency[k]).ToArray(), y = keys.Select(k => energy[k]).ToArray();
            spaces.Add(new EnergyPlotSpace(s.Space, keys.Length, keys.Length > 1 ? Spearman.Correlation(x, y) : double.NaN, x.Min(), x.Max(), y.Min(), y.Max()));
            var label = string.Create(CultureInfo.InvariantCulture, $"{DisplayName(s.Space)}, SRCC {spaces[^1].Srcc:0.000}");
            series.Add(new ScatterSeries(label, x, y, FigureStyle.Palette[series.Count % FigureStyle.Palette.Length]));
        }
        var title = o.Title ?? $"Measured energy per inference vs latency ({o.Column})";
        return new EnergyPlotResult(ScatterPlot.Create(title, "latency (ms)", "energy per inference (mJ)", series), spaces);
    }

    /// <summary>The column's measured values by canonical architecture text.</summary>
    private static Dictionary<string, double> Column(string path, string column, ISearchSpace space)
    {
        var header = File.ReadLines(path).FirstOrDefault() ?? "";
        if (!header.Split(',').Select(h => h.Trim()).Contains(column))
            throw new InvalidOptionException("column", $"{path} has no column '{column}' (header: {header})");
        var table = WideTableReader.Read(path, ValueKind.LatencyMs, space, only: [column]);
        var archs = table.RequireArchitectures();
        var values = table.Column(column);
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        for (int i = 0; i < table.RowCount; i++)
            if (double.IsFinite(values[i])) result[space.Format(archs[i])] = values[i];
        return result;
    }

    private static string DisplayName(string space) => space switch
    {
        "nasbench201" => "NAS-Bench-201",
        "fbnet" => "FBNet",
        "mobilenetv2" => "MobileNet-V2",
        "ofa-mbv3" => "OFA MobileNet-V3",
        _ => space,
    };
}

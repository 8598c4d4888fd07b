using System.Diagnostics;
using System.Globalization;
using System.Text;
using OneProxy.Accelerators.Codesign;
using OneProxy.Reports;
using OneProxy.Reports.Figures;

namespace OneProxy.Accelerators.UseCases;

/// <summary>Options of <c>oneproxy accelerator sweep</c>.</summary>
public sealed record SweepOptions(string ModelSet, string Grid = "thesis", int Limit = int.MaxValue, string? CyclesOut = null,
    string? EnergyOut = null, string? LatencyHeatmap = null, string? EnergyHeatmap = null, double Threshold = 0.97)
{
    public void Validate()
    {
        if (Array.IndexOf(Codesign.ModelSet.Names, ModelSet) < 0) throw new UnusableDataException($"--set must be nasbench301 or alphanet, got '{ModelSet}'");
        if (Grid is not ("thesis" or "design-space")) throw new UnusableDataException($"--grid must be thesis or design-space, got '{Grid}'");
        if (Limit < 2) throw new UnusableDataException($"--limit must be at least 2, got {Limit}");
    }
}

public sealed record SweepSummary(int Models, int Accelerators, int Rejected, int UniqueLayers, double Seconds,
    MonotonicitySummary Latency, MonotonicitySummary Energy, IReadOnlyList<string> Written);

/// <summary>Sweeps a model set over an accelerator grid into wide cycles/energy tables (index, arch, one column per
/// accelerator), readable by the generic commands with <c>--space nasbench301|alphanet</c>.</summary>
public static class SweepUseCase
{
    public static SweepSummary Run(SweepOptions o, CancellationToken ct = default)
    {
        o.Validate();
        var models = ModelSet.Load(o.ModelSet, o.Limit);
        var grid = o.Grid == "thesis" ? AcceleratorGrid.Thesis() : AcceleratorGrid.DesignSpace();
        var sw = Stopwatch.StartNew();
        var r = AcceleratorSweep.Run(models.Select(m => m.Layers).ToArray(), grid, new CostModel(), ct);
        sw.Stop();
        var names = r.Accelerators.Select(a => a.Name).ToArray();
        var lat = MonotonicitySummary.Compute(names, r.Cycles, o.Threshold);
        var en = MonotonicitySummary.Compute(names, r.EnergyNj, o.Threshold);
        var written = new List<string>();
        if (o.CyclesOut != null) { File.WriteAllText(o.CyclesOut, Wide(models, names, r.Cycles)); written.Add(o.CyclesOut); }
        if (o.EnergyOut != null) { File.WriteAllText(o.EnergyOut, Wide(models, names, r.EnergyNj)); written.Add(o.EnergyOut); }
        if (o.LatencyHeatmap != null)
        {
            Heatmap.Create(lat.Matrix, $"Cycles monotonicity over accelerators: {o.ModelSet} ({models.Count} models)", o.Threshold).Save(o.LatencyHeatmap, "heatmap-latency");
            written.Add(o.LatencyHeatmap);
        }
        if (o.EnergyHeatmap != null)
        {
            Heatmap.Create(en.Matrix, $"Energy monotonicity over accelerators: {o.ModelSet} ({models.Count} models)", o.Threshold).Save(o.EnergyHeatmap, "heatmap-energy");
            written.Add(o.EnergyHeatmap);
        }
        return new SweepSummary(models.Count, names.Length, r.Rejected.Count, r.UniqueLayers, sw.Elapsed.TotalSeconds, lat, en, written);
    }

    private static string Wide(IReadOnlyList<ModelEntry> models, string[] names, double[][] cols)
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder("index,arch,").AppendJoin(',', names).AppendLine();
        for (int m = 0; m < models.Count; m++)
        {
            sb.Append(inv, $"{models[m].Index},\"{models[m].Arch.Replace("\"", "\"\"")}\"");
            for (int a = 0; a < names.Length; a++) sb.Append(inv, $",{cols[a][m]:0.###}");
            sb.AppendLine();
        }
        return sb.ToString();
    }
}

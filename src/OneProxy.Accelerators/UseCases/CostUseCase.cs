using System.Globalization;
using System.Text;
using OneProxy.Accelerators.Codesign;
using OneProxy.Accelerators.Files;

namespace OneProxy.Accelerators.UseCases;

/// <summary>What <c>oneproxy accelerator cost</c> evaluates: a MAESTRO model file or one model of a co-design set.</summary>
public sealed record CostOptions(string? ModelFile, string? ModelSet, int? ModelIndex, AcceleratorConfig Hardware, bool PerLayer, string? EmitModel = null)
{
    public void Validate()
    {
        if ((ModelFile == null) == (ModelSet == null)) throw new UnusableDataException("give either --model FILE or --set nasbench301|alphanet with --index N");
        if (ModelSet != null && ModelIndex is null or < 0) throw new UnusableDataException("--set needs --index N (N >= 0)");
        Hardware.Validate();
    }
}

/// <summary>One output row (network total, or one layer with --per-layer).</summary>
public sealed record CostRow(string Network, string Layer, AcceleratorConfig Hw, long Cycles, double EnergyNj);

public sealed record CostResult(IReadOnlyList<CostRow> Rows)
{
    private static readonly string Header = "network,layer,dataflow,pes,noc_bw,offchip_bw,cycles,energy_nj";

    public string Format(string format)
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        switch (format)
        {
            case "csv":
                sb.AppendLine(Header);
                foreach (var r in Rows)
                    sb.AppendLine(string.Create(inv, $"{r.Network},{r.Layer},{DataflowNames.Thesis(r.Hw.Dataflow)},{r.Hw.NumPes},{r.Hw.NocBandwidth},{r.Hw.OffchipBandwidth},{r.Cycles},{r.EnergyNj:0.###}"));
                break;
            case "json":
                sb.Append('[');
                for (int i = 0; i < Rows.Count; i++)
                {
                    var r = Rows[i];
                    if (i > 0) sb.Append(',');
                    sb.Append(string.Create(inv, $"{{\"network\":\"{r.Network}\",\"layer\":\"{r.Layer}\",\"dataflow\":\"{DataflowNames.Thesis(r.Hw.Dataflow)}\",\"pes\":{r.Hw.NumPes},\"noc_bw\":{r.Hw.NocBandwidth},\"offchip_bw\":{r.Hw.OffchipBandwidth},\"cycles\":{r.Cycles},\"energy_nj\":{r.EnergyNj:0.###}}}"));
                }
                sb.AppendLine("]");
                break;
            default:
                sb.AppendLine(string.Create(inv, $"{"network",-16} {"layer",-24} {"dataflow",-8} {"pes",5} {"noc_bw",6} {"off_bw",6} {"cycles",14} {"energy_nj",14}"));
                foreach (var r in Rows)
                    sb.AppendLine(string.Create(inv, $"{r.Network,-16} {r.Layer,-24} {DataflowNames.Thesis(r.Hw.Dataflow),-8} {r.Hw.NumPes,5} {r.Hw.NocBandwidth,6} {r.Hw.OffchipBandwidth,6} {r.Cycles,14} {r.EnergyNj,14:0.##}"));
                break;
        }
        return sb.ToString();
    }
}

/// <summary><c>oneproxy accelerator cost</c>: cycles and energy of one network on one accelerator.</summary>
public static class CostUseCase
{
    public static CostResult Run(CostOptions o)
    {
        o.Validate();
        string name;
        IReadOnlyList<string> names;
        IReadOnlyList<Layer> layers;
        if (o.ModelFile != null)
        {
            var net = MaestroModelFile.Load(o.ModelFile);
            (name, names, layers) = (net.Name, net.LayerNames, net.Layers);
        }
        else
        {
            var set = ModelSet.Load(o.ModelSet!, o.ModelIndex!.Value + 1);
            if (set.Count <= o.ModelIndex) throw new UnusableDataException($"--index {o.ModelIndex} is past the {set.Count} models of {o.ModelSet}");
            var m = set[o.ModelIndex!.Value];
            (name, layers) = ($"{o.ModelSet}#{m.Index}", m.Layers);
            names = Enumerable.Range(0, layers.Count).Select(i => $"L{i}").ToArray();
        }
        if (o.EmitModel != null) File.WriteAllText(o.EmitModel, MaestroModelWriter.Write(name.Replace('#', '_'), layers));
        var model = new CostModel();
        var rows = new List<CostRow>();
        if (o.PerLayer)
        {
            var per = model.EvaluatePerLayer(layers, o.Hardware);
            for (int i = 0; i < per.Count; i++) rows.Add(new CostRow(name, names[i], o.Hardware, per[i].Cycles, per[i].EnergyNj));
        }
        var total = model.Evaluate(layers, o.Hardware);
        rows.Add(new CostRow(name, "total", o.Hardware, total.Cycles, total.EnergyNj));
        return new CostResult(rows);
    }
}

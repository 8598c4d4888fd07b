using OneProxy.Monotonicity;

namespace OneProxy.Accelerators.Validation;

/// <summary>Agreement of one quantity (cycles or energy) with MAESTRO over a set of points.</summary>
public sealed record Agreement(int Points, double Srcc, double MedianRelativeError, double WorstRelativeError);

/// <summary>Agreement per dataflow, network-level and per-layer, plus rejections compared.</summary>
public sealed record DataflowValidation(Dataflow Dataflow, int HardwarePoints, int Rejected, Agreement NetworkCycles, Agreement NetworkEnergy,
    Agreement LayerCycles, Agreement LayerEnergy);

/// <summary>Result of comparing the C# model with MAESTRO's golden outputs.</summary>
public sealed record ValidationReport(IReadOnlyList<DataflowValidation> Dataflows, int RejectionMismatches, IReadOnlyList<string> Networks);

/// <summary>Compares <see cref="CostModel"/> with MAESTRO's outputs stored by the golden script.</summary>
public static class MaestroValidation
{
    public static ValidationReport Run(IReadOnlyList<GoldenRow> rows,
        IReadOnlyDictionary<string, (List<string> Names, List<Layer> Layers)> networks, CostModel model)
    {
        var result = new List<DataflowValidation>();
        int rejectionMismatches = 0;
        foreach (var df in Enum.GetValues<Dataflow>())
        {
            var nc = new List<(double, double)>();
            var ne = new List<(double, double)>();
            var lc = new List<(double, double)>();
            var le = new List<(double, double)>();
            var hw = new HashSet<string>();
            int rejected = 0;
            foreach (var g in rows.Where(r => r.Dataflow == df).GroupBy(r => (r.Network, r.HwId)))
            {
                var first = g.First();
                var layers = networks[g.Key.Network].Layers;
                string? ours = model.Rejection(layers[0], first.Hardware);
                if (!first.Ok)
                {
                    rejected++;
                    if (ours == null) rejectionMismatches++;
                    continue;
                }
                if (ours != null) { rejectionMismatches++; continue; }
                hw.Add(g.Key.HwId);
                var list = g.ToList();
                if (list.Count != layers.Count) throw new InvalidOperationException($"{g.Key}: {list.Count} golden layers vs {layers.Count}");
                var per = model.EvaluatePerLayer(layers, first.Hardware);
                double sc = 0, se = 0, gc = 0, ge = 0;
                for (int i = 0; i < list.Count; i++)
                {
                    lc.Add((per[i].Cycles, list[i].Cycles));
                    le.Add((per[i].EnergyNj, list[i].EnergyNj));
                    sc += per[i].Cycles; se += per[i].EnergyNj; gc += list[i].Cycles; ge += list[i].EnergyNj;
                }
                nc.Add((sc, gc));
                ne.Add((se, ge));
            }
            result.Add(new DataflowValidation(df, hw.Count, rejected, Agree(nc), Agree(ne), Agree(lc), Agree(le)));
        }
        return new ValidationReport(result, rejectionMismatches, networks.Keys.ToList());
    }

    private static Agreement Agree(List<(double Ours, double Maestro)> pts)
    {
        if (pts.Count == 0) return new Agreement(0, double.NaN, double.NaN, double.NaN);
        var a = pts.Select(p => p.Ours).ToArray();
        var b = pts.Select(p => p.Maestro).ToArray();
        var rel = pts.Select(p => p.Maestro == 0 ? (p.Ours == 0 ? 0 : double.PositiveInfinity) : Math.Abs(p.Ours / p.Maestro - 1)).OrderBy(x => x).ToArray();
        double median = rel.Length % 2 == 1 ? rel[rel.Length / 2] : 0.5 * (rel[rel.Length / 2 - 1] + rel[rel.Length / 2]);
        return new Agreement(pts.Count, Spearman.Correlation(a, b), median, rel[^1]);
    }
}

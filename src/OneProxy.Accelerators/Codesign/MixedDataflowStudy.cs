using OneProxy.Monotonicity;

namespace OneProxy.Accelerators.Codesign;

public sealed record MixedOptions(string ModelSet, int Mixtures = 5000, int Parts = 22, int SampledPairs = 20000, double Threshold = 0.97, int Seed = 0, int Limit = int.MaxValue)
{
    public void Validate()
    {
        if (Array.IndexOf(Codesign.ModelSet.Names, ModelSet) < 0) throw new UnusableDataException($"--set must be nasbench301 or alphanet, got '{ModelSet}'");
        if (Mixtures < 2) throw new UnusableDataException($"--mixtures must be at least 2, got {Mixtures}");
        if (Parts < 3) throw new UnusableDataException($"--parts must be at least 3, got {Parts}");
        if (SampledPairs < 1) throw new UnusableDataException($"--pairs must be positive, got {SampledPairs}");
    }
}

public sealed record MixedResult(MixedOptions Options, int Models, int Accelerators, double CyclesShareAbove, double EnergyShareAbove,
    double CyclesMinSrcc, double EnergyMinSrcc, double CyclesMedianSrcc, double EnergyMedianSrcc, TimeSpan Elapsed);

/// <summary>
/// The thesis's layer-wise mixed-dataflow study: each model is cut into parts (first layer, last
/// layer, and parts - 2 equal groups of the layers between), a mixture assigns every part one of
/// the usable accelerator candidates (any PEs/bandwidths/dataflow), and a model's cycles and energy
/// on a mixture are the sums over its parts. Monotonicity = SRCC between mixtures over the models,
/// estimated on randomly sampled mixture pairs. Energy per layer here is the layer's own L2 + L1
/// accesses (MAESTRO's one-layer shift of L1 accesses has no meaning across accelerators).
/// </summary>
public static class MixedDataflowStudy
{
    public static MixedResult Run(MixedOptions o, CancellationToken ct = default)
    {
        o.Validate();
        var sw = System.Diagnostics.Stopwatch.StartNew();
        var models = ModelSet.Load(o.ModelSet, o.Limit);
        var model = new CostModel();
        var (layers, index) = AcceleratorSweep.Deduplicate(models.Select(m => m.Layers).ToArray());
        var accs = AcceleratorGrid.Thesis().Where(a => layers.All(l => model.Rejection(l, a.Config) == null)).ToArray();
        var tables = AcceleratorSweep.LayerTables(layers, accs, model, ct);
        var rng = new Random(CodesignStudy.StableHash("mixtures", o.Seed));
        var mix = new int[o.Mixtures][];
        for (int x = 0; x < o.Mixtures; x++) { mix[x] = new int[o.Parts]; for (int p = 0; p < o.Parts; p++) mix[x][p] = rng.Next(accs.Length); }
        var cyc = new double[o.Mixtures][];
        var en = new double[o.Mixtures][];
        for (int x = 0; x < o.Mixtures; x++) { cyc[x] = new double[models.Count]; en[x] = new double[models.Count]; }
        Parallel.For(0, models.Count, new ParallelOptions { CancellationToken = ct }, m =>
        {
            var ix = index[m];
            var part = PartOf(ix.Length, o.Parts);
            for (int x = 0; x < o.Mixtures; x++)
            {
                double c = 0, e = 0;
                var mx = mix[x];
                for (int i = 0; i < ix.Length; i++)
                {
                    var lc = tables[mx[part[i]]][ix[i]];
                    c += lc.Cycles;
                    e += lc.EnergyNj(lc.L1Accesses);
                }
                cyc[x][m] = c;
                en[x][m] = e;
            }
        });
        var cr = cyc.Select(v => Ranking.AverageRanks(v)).ToArray();
        var er = en.Select(v => Ranking.AverageRanks(v)).ToArray();
        var pairRng = new Random(CodesignStudy.StableHash("mixture-pairs", o.Seed));
        var cs = new double[o.SampledPairs];
        var es = new double[o.SampledPairs];
        Parallel.For(0, o.SampledPairs, k =>
        {
            int a, b;
            lock (pairRng) { a = pairRng.Next(o.Mixtures); do b = pairRng.Next(o.Mixtures); while (b == a); }
            cs[k] = Spearman.Pearson(cr[a], cr[b]);
            es[k] = Spearman.Pearson(er[a], er[b]);
        });
        sw.Stop();
        Array.Sort(cs);
        Array.Sort(es);
        return new MixedResult(o, models.Count, accs.Length, cs.Count(v => v > o.Threshold) / (double)cs.Length, es.Count(v => v > o.Threshold) / (double)es.Length,
            cs[0], es[0], cs[cs.Length / 2], es[es.Length / 2], sw.Elapsed);
    }

    /// <summary>Part of each layer: 0 = first, parts - 1 = last, the rest split into parts - 2 near-equal groups.</summary>
    internal static int[] PartOf(int layers, int parts)
    {
        var r = new int[layers];
        int inner = layers - 2;
        for (int i = 0; i < layers; i++)
            r[i] = i == 0 ? 0 : i == layers - 1 ? parts - 1 : 1 + (int)((long)(i - 1) * (parts - 2) / Math.Max(inner, 1));
        return r;
    }
}

using System.Collections.Concurrent;
using OneProxy.Accelerators;
using OneProxy.Accuracy;
using OneProxy.Data;
using OneProxy.Energy.Gradient;
using OneProxy.Energy.LearnToOptimize;
using OneProxy.SearchSpaces;

namespace OneProxy.Application.L2o;

/// <summary>Which devices learning to optimize works on.</summary>
public enum L2oDeviceSet
{
    /// <summary>The latency table's measured devices (NAS-Bench-201: 27), described by a signature of reference latencies; latency only.</summary>
    Measured,

    /// <summary>Accelerator configurations of the design grid, described by their hardware parameters; cycles and energy from the cost model.</summary>
    Accelerators,
}

/// <summary>
/// The data of one learning-to-optimize problem: the pool (every architecture of the latency table
/// for measured devices, the whole enumerable space for accelerators), the true accuracy of each
/// pool design (the accuracy table), the metrics, and how to build a device and measure on it.
/// </summary>
public sealed class L2oProblem
{
    private readonly WideTable? _latency;
    private readonly int[]? _references;
    private readonly IReadOnlyDictionary<string, AcceleratorConfig>? _accelerators;
    private readonly ConcurrentDictionary<int, IReadOnlyList<Layer>> _layers = new();

    private L2oProblem(ISearchSpace space, L2oDeviceSet set, L2oPool pool, double[] accuracy, string[] metrics, IReadOnlyList<string> deviceNames,
        WideTable? latency, int[]? references, IReadOnlyDictionary<string, AcceleratorConfig>? accelerators)
    {
        Space = space;
        Set = set;
        Pool = pool;
        Accuracy = accuracy;
        Metrics = metrics;
        DeviceNames = deviceNames;
        _latency = latency;
        _references = references;
        _accelerators = accelerators;
    }

    public ISearchSpace Space { get; }
    public L2oDeviceSet Set { get; }
    public L2oPool Pool { get; }
    public double[] Accuracy { get; }
    public string[] Metrics { get; }

    /// <summary>Every device this problem can build (table columns, or grid configurations that map NAS-Bench-201).</summary>
    public IReadOnlyList<string> DeviceNames { get; }

    /// <summary>Pool indices of the signature's reference architectures (measured devices only).</summary>
    public IReadOnlyList<int> References => _references ?? [];

    public IReadOnlyList<string> DeviceFeatureNames => Set == L2oDeviceSet.Measured ? DeviceFeatures.SignatureNames(References.Count) : DeviceFeatures.AcceleratorNames;

    /// <summary>Measured devices: the latency table and the accuracy table; <paramref name="references"/> are pool indices (or null: draw k).</summary>
    public static L2oProblem Measured(string spaceName, string latencyPath, string accuracyPath, string accuracyColumn, int k, IReadOnlyList<string>? references, Random rng)
    {
        var space = SearchSpaceRegistry.Get(spaceName);
        var layout = GradientSearchUseCase.Layout(space);
        var table = WideTableReader.ReadLatency(latencyPath, space);
        var archs = table.RequireArchitectures();
        var acc = new TableAccuracy(WideTableReader.Read(accuracyPath, ValueKind.AccuracyPercent, space), accuracyColumn);
        // Rows with accuracy and a latency on every device: the pool every device is compared on.
        var rows = Enumerable.Range(0, archs.Count).Where(r => acc.Contains(archs[r])
            && table.ColumnNames.All(c => table.Column(c)[r] is var v && double.IsFinite(v) && v > 0)).ToArray();
        if (rows.Length < 100) throw new UnusableDataException($"{latencyPath}: only {rows.Length} architectures have accuracy and a latency on every device (need >= 100)");
        var sub = table.ColumnNames.Select(c => { var col = table.Column(c).ToArray(); return rows.Select(r => col[r]).ToArray(); }).ToArray();
        var subTable = new WideTable(table.Source, table.Kind, table.ColumnNames, sub, rows.Select(r => table.Indices?[r] ?? r).ToArray(), rows.Select(r => archs[r]).ToArray());
        var pool = new L2oPool(layout, rows.Select(r => archs[r].Genes.ToArray()).ToArray());
        var accuracy = acc.PredictAll(rows.Select(r => archs[r]).ToArray());
        int[] refs;
        if (references is not null)
            refs = references.Select(s => pool.IndexOf(space.Parse(s).Genes) is var i and >= 0 ? i
                : throw new ModelFileException($"reference architecture '{s}' is not in {latencyPath}")).ToArray();
        else
        {
            if (k < 2 || k > pool.Count / 10) throw new InvalidOptionException("references", $"must be in 2..{pool.Count / 10} (got {k})");
            refs = Enumerable.Range(0, pool.Count).OrderBy(_ => rng.Next()).Take(k).ToArray();
        }
        return new L2oProblem(space, L2oDeviceSet.Measured, pool, accuracy, ["latency_ms"], table.ColumnNames, subTable, refs, null);
    }

    /// <summary>Accelerators of the design grid (KC-P with fewer than 64 PEs cannot map and is left out) on the whole enumerable space.</summary>
    public static L2oProblem Accelerators(string spaceName, string accuracyPath, string accuracyColumn)
    {
        var space = SearchSpaceRegistry.Get(spaceName);
        var layout = GradientSearchUseCase.Layout(space);
        var acc = new TableAccuracy(WideTableReader.Read(accuracyPath, ValueKind.AccuracyPercent, space), accuracyColumn);
        var archs = space.Enumerate().Where(acc.Contains).ToArray();
        if (archs.Length < 100) throw new UnusableDataException($"{accuracyPath}: only {archs.Length} architectures of {space.Name} have an accuracy (need >= 100)");
        var pool = new L2oPool(layout, archs.Select(a => a.Genes.ToArray()).ToArray());
        var grid = AcceleratorGrid.DesignSpace().Where(a => !(a.Config.Dataflow == Dataflow.KcP && a.Config.NumPes < 64)).ToDictionary(a => a.Name, a => a.Config);
        return new L2oProblem(space, L2oDeviceSet.Accelerators, pool, acc.PredictAll(archs), ["latency_cycles", "energy_nj"], [.. grid.Keys], null, null, grid);
    }

    /// <summary>The device's features; for a measured device this reads k = |references| latencies (its signature).</summary>
    public L2oDevice Device(string name)
    {
        if (Set == L2oDeviceSet.Measured)
        {
            if (!_latency!.HasColumn(name)) throw new InvalidOptionException("devices", $"no device '{name}' in {_latency.Source}");
            var col = _latency.Column(name).ToArray();
            var (features, offset) = DeviceFeatures.Signature(_references!.Select(i => col[i]).ToArray());
            return new L2oDevice(name, DeviceKind.Measured, features, [offset]);
        }
        if (!_accelerators!.TryGetValue(name, out var c)) throw new InvalidOptionException("devices", $"no accelerator '{name}' in the design grid (names like KC-P_512_900_350)");
        return new L2oDevice(name, DeviceKind.Accelerator, DeviceFeatures.Accelerator(c), [0, 0]);
    }

    /// <summary>Measures pool design <paramref name="i"/> on a device: its recorded latency, or cycles and energy from the cost model.</summary>
    public double[] Measure(string device, int i)
    {
        if (Set == L2oDeviceSet.Measured) return [_latency!.Column(device)[i]];
        var layers = _layers.GetOrAdd(i, j => Layers.From(Space, new Architecture(Pool.Genes[j])));
        var cost = CostModel.Shared.Evaluate(layers, _accelerators![device]);
        return [cost.Cycles, cost.EnergyNj];
    }

    /// <summary>True costs of every pool design (a fully measured device), or null for accelerators unless <paramref name="full"/>.</summary>
    public double[][]? TrueCosts(string device, bool full)
    {
        if (Set == L2oDeviceSet.Measured) return [_latency!.Column(device).ToArray()];
        if (!full) return null;
        var lat = new double[Pool.Count];
        var en = new double[Pool.Count];
        Parallel.For(0, Pool.Count, i => { var v = Measure(device, i); lat[i] = v[0]; en[i] = v[1]; });
        return [lat, en];
    }

    public TrainingDevice Training(string name) => new(Device(name), i => Measure(name, i));

    public EvaluationDevice Evaluation(string name, bool fullCosts) => new(Device(name), i => Measure(name, i), TrueCosts(name, fullCosts));
}

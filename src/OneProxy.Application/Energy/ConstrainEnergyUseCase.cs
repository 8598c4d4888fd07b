using System.Diagnostics;
using System.Globalization;

namespace OneProxy.Energy.Constraints;

/// <summary>
/// Options of <c>oneproxy energy constrain</c>. Bounds are either absolute (<see cref="MaxLatency"/>
/// and <see cref="MaxEnergy"/>, one target) or, per target, percentiles of the target's own values
/// over the pool (<see cref="PercentilePairs"/>: latency percentile, energy percentile).
/// </summary>
public sealed record ConstrainEnergyOptions(string Table, string Proxy, IReadOnlyList<string> Targets, string AccuracyColumn,
    double? MaxLatency, double? MaxEnergy, IReadOnlyList<(int Latency, int Energy)> PercentilePairs,
    IReadOnlyList<TwoConstraintMethod> Methods, double Tolerance = 0.02, double Granularity = 0.001)
{
    public ConstrainEnergyOptions Validated()
    {
        if ((MaxLatency is null) != (MaxEnergy is null)) throw new InvalidOptionException("max-energy", "give --max-latency and --max-energy together, or neither (then --percentiles)");
        if (MaxLatency is null && PercentilePairs.Count == 0) throw new InvalidOptionException("percentiles", "give at least one LAT:ENERGY pair");
        foreach (var (l, e) in PercentilePairs)
            if (l is < 0 or > 100 || e is < 0 or > 100) throw new InvalidOptionException("percentiles", $"percentiles must be in [0, 100], got {l}:{e}");
        if (Methods.Count == 0) throw new InvalidOptionException("method", "give at least one method");
        new TwoConstraintOptions(1, 1, Tolerance, Granularity).Validated();
        return this;
    }
}

/// <summary>One target and bound pair under one method.</summary>
public sealed record ConstrainEnergyRow(string Target, double MaxLatency, double MaxEnergy, string Bounds, TwoConstraintMethod Method,
    bool FeasibleExists, bool Met, double Latency, double Energy, double Accuracy, double OracleAccuracy, int Measurements, string Design);

public sealed record ConstrainEnergySummary(TwoConstraintMethod Method, int Cases, int Feasible, int MetOnFeasible, double MedianMeasurements,
    int MaxMeasurements, double MeanGap, double MaxGap);

public sealed record ConstrainEnergyResult(int PoolSize, IReadOnlyList<ConstrainEnergyRow> Rows, IReadOnlyList<ConstrainEnergySummary> Summary, double Seconds);

/// <summary>Runs the two-constraint search of Eq. (1.7) for every target, bound pair and method, against the oracle.</summary>
public static class ConstrainEnergyUseCase
{
    public static ConstrainEnergyResult Run(ConstrainEnergyOptions options, CancellationToken ct = default)
    {
        var o = options.Validated();
        var sw = Stopwatch.StartNew();
        var table = CostTable.Read(o.Table);
        var targets = o.Targets.Count > 0 ? o.Targets : table.Devices.Where(d => d != o.Proxy).ToList();
        if (targets.Count == 0) throw new InvalidOptionException("targets", $"{o.Table} has no device besides the proxy '{o.Proxy}'");
        // The pool: rows with accuracy, proxy and every target's values, so every target sees the same designs.
        var used = new List<string> { o.AccuracyColumn, o.Proxy + ".latency", o.Proxy + ".energy" };
        foreach (var t in targets) used.AddRange([t + ".latency", t + ".energy"]);
        var rows = table.Complete(used);
        if (rows.Length < 2) throw new UnusableDataException($"{o.Table}: only {rows.Length} row(s) have every column used");
        double[] Pick(string column) { var c = table.Column(column); return rows.Select(r => c[r]).ToArray(); }
        var acc = Pick(o.AccuracyColumn);
        var pool = new DesignPool(rows.Select(r => table.Keys[r]).ToArray(), acc, Pick(o.Proxy + ".latency"), Pick(o.Proxy + ".energy"));
        var result = new List<ConstrainEnergyRow>();
        foreach (var t in targets)
        {
            ct.ThrowIfCancellationRequested();
            var lat = Pick(t + ".latency");
            var en = Pick(t + ".energy");
            var bounds = o.MaxLatency is double ml
                ? [(ml, o.MaxEnergy!.Value, "given")]
                : FrontBounds(acc, lat, en, o.PercentilePairs);
            foreach (var (L, E, label) in bounds)
            {
                var feasible = Enumerable.Range(0, pool.Count).Where(i => lat[i] <= L && en[i] <= E).ToArray();
                double oracle = feasible.Length > 0 ? feasible.Max(i => acc[i]) : double.NaN;
                foreach (var m in o.Methods)
                {
                    var target = new RecordedTwoMetricTarget(t, lat, en);
                    var r = TwoConstraintSearch.Run(pool, target, new TwoConstraintOptions(L, E, o.Tolerance, o.Granularity), m);
                    int? b = r.Best;
                    result.Add(new ConstrainEnergyRow(t, L, E, label, m, feasible.Length > 0, b is not null,
                        b is int i ? lat[i] : double.NaN, b is int j ? en[j] : double.NaN, b is int k ? acc[k] : double.NaN,
                        oracle, r.TargetMeasurements, b is int d ? pool.Names[d] : ""));
                }
            }
        }
        var summary = o.Methods.Select(m =>
        {
            var rs = result.Where(r => r.Method == m).ToList();
            var f = rs.Where(r => r.FeasibleExists).ToList();
            var met = f.Where(r => r.Met).ToList();
            var meas = rs.Select(r => (double)r.Measurements).OrderBy(v => v).ToArray();
            return new ConstrainEnergySummary(m, rs.Count, f.Count, met.Count, Median(meas), rs.Max(r => r.Measurements),
                met.Count > 0 ? met.Average(r => r.OracleAccuracy - r.Accuracy) : double.NaN,
                met.Count > 0 ? met.Max(r => r.OracleAccuracy - r.Accuracy) : double.NaN);
        }).ToList();
        return new ConstrainEnergyResult(pool.Count, result, summary, sw.Elapsed.TotalSeconds);
    }

    public static string Csv(ConstrainEnergyResult r)
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new System.Text.StringBuilder("target,bounds,max_latency,max_energy,method,feasible_exists,met,latency,energy,accuracy,oracle_accuracy,accuracy_gap,target_measurements,design\n");
        foreach (var x in r.Rows)
            sb.Append(inv, $"{x.Target},{x.Bounds},{x.MaxLatency:G6},{x.MaxEnergy:G6},{Name(x.Method)},{(x.FeasibleExists ? 1 : 0)},{(x.Met ? 1 : 0)},")
              .Append(inv, $"{x.Latency:G6},{x.Energy:G6},{x.Accuracy:0.000},{x.OracleAccuracy:0.000},{x.OracleAccuracy - x.Accuracy:0.000},{x.Measurements},\"{x.Design.Replace("\"", "\"\"")}\"\n");
        return sb.ToString();
    }

    public static string Name(TwoConstraintMethod m) => m switch { TwoConstraintMethod.RayTurn => "ray-turn", _ => m.ToString().ToLowerInvariant() };

    /// <summary>
    /// Bound pairs at percentiles of the target's own latency and energy over its Pareto front
    /// (accuracy up, latency and energy down), as <c>constrain</c> does for latency: percentiles over
    /// the whole pool would let one cheap, accurate design satisfy most bounds.
    /// </summary>
    private static (double, double, string)[] FrontBounds(double[] acc, double[] lat, double[] en, IReadOnlyList<(int Latency, int Energy)> pairs)
    {
        var front = Enumerable.Range(0, acc.Length).Where(i => !Enumerable.Range(0, acc.Length).Any(j =>
            acc[j] >= acc[i] && lat[j] <= lat[i] && en[j] <= en[i] && (acc[j] > acc[i] || lat[j] < lat[i] || en[j] < en[i]))).ToArray();
        var fl = front.Select(i => lat[i]).ToArray();
        var fe = front.Select(i => en[i]).ToArray();
        return pairs.Select(p => (Percentile(fl, p.Latency), Percentile(fe, p.Energy), $"front p{p.Latency}:p{p.Energy}")).ToArray();
    }

    private static double Percentile(double[] v, int q)
    {
        var s = v.OrderBy(x => x).ToArray();
        return s[(int)Math.Round((s.Length - 1) * q / 100.0)];
    }

    private static double Median(double[] sorted) => sorted.Length == 0 ? double.NaN
        : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
}

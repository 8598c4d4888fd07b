using OneProxy.Energy.LearnToOptimize;

namespace OneProxy.Application.L2o;

/// <summary>
/// Options of <c>oneproxy l2o evaluate</c>: one or more model files, each evaluated on devices it
/// never saw (default: every measured device not in its training set; for accelerators
/// <see cref="TestConfigs"/> grid configurations outside its training set, in a seeded shuffle).
/// </summary>
public sealed record L2oEvaluateOptions(IReadOnlyList<string> Models, string LatencyPath, string AccuracyPath, string AccuracyColumn,
    IReadOnlyList<string> Devices, int TestConfigs, int Lambdas, IReadOnlyList<int> Percentiles, bool FullCosts, int Seed)
{
    public L2oEvaluateOptions Validated()
    {
        if (Models.Count == 0) throw new InvalidOptionException("model", "give at least one model file");
        if (Lambdas < 1) throw new InvalidOptionException("lambdas", $"must be >= 1 (got {Lambdas})");
        if (TestConfigs < 1) throw new InvalidOptionException("test-configs", $"must be >= 1 (got {TestConfigs})");
        foreach (var p in Percentiles) Require.InRange(p, 1, 100, "percentiles");
        return this;
    }
}

/// <summary>Per held-out device: medians over its λ cases, timings, constraint outcomes.</summary>
public sealed record L2oDeviceRow(string Model, string Device, string Kind, int Cases, double MedianGap, double MaxGap, double NearestGap, double RandomGap,
    double TrueGap, double SearchTrueGap, double DesignMicroseconds, double SearchMilliseconds, int Bounds, int Found, int Violated, int SearchViolated,
    double AccuracyLoss);

public sealed record L2oSummary(int Devices, int Cases, double MedianGap, double P90Gap, double ShareWithin2Percent, double MedianNearestGap,
    double MedianRandomGap, double MedianTrueGap, double MedianSearchTrueGap, double MedianDesignMicroseconds, double MedianSearchMilliseconds,
    int Bounds, int Found, int Violated, int SearchViolated, double MeanAccuracyLoss);

public sealed record L2oEvaluateResult(IReadOnlyList<L2oDeviceRow> Devices, IReadOnlyList<(string Model, L2oCase Case)> Cases, L2oSummary Summary,
    string Title, IReadOnlyList<string> Notes);

public static class L2oEvaluateUseCase
{
    public static L2oEvaluateResult Run(L2oEvaluateOptions options, CancellationToken ct = default)
    {
        var o = options.Validated();
        var rows = new List<L2oDeviceRow>();
        var cases = new List<(string, L2oCase)>();
        var notes = new List<string>();
        var sets = new HashSet<L2oDeviceSet>();
        foreach (var path in o.Models)
        {
            var model = L2oModelFile.Load(path);
            sets.Add(model.Set);
            var seeds = new SeedStream(o.Seed).Derive("l2o/evaluate");
            var problem = model.Set == L2oDeviceSet.Measured
                ? L2oProblem.Measured(model.Space.Name, o.LatencyPath, o.AccuracyPath, o.AccuracyColumn, model.References.Count, model.References, seeds.Random("unused"))
                : L2oProblem.Accelerators(model.Space.Name, o.AccuracyPath, o.AccuracyColumn);
            var trained = model.TrainingDevices.Select(d => d.Name).ToHashSet(StringComparer.Ordinal);
            foreach (var d in o.Devices)
                if (trained.Contains(d)) throw new InvalidOptionException("devices", $"'{d}' is a training device of {path}; evaluation is on unseen devices only");
            var configRng = seeds.Random("configs");
            var names = o.Devices.Count > 0 ? o.Devices.ToArray()
                : model.Set == L2oDeviceSet.Measured ? problem.DeviceNames.Where(n => !trained.Contains(n)).ToArray()
                : problem.DeviceNames.Where(n => !trained.Contains(n)).Order(StringComparer.Ordinal).OrderBy(_ => configRng.Next()).Take(o.TestConfigs).ToArray();
            if (names.Length == 0) throw new InvalidOptionException("devices", $"{path} was trained on every device of the table; nothing is held out");
            var tests = names.Select(n => problem.Evaluation(n, o.FullCosts)).ToArray();
            var r = L2oEvaluator.Run(model.Models, model.Optimizer, problem.Pool, i => problem.Accuracy[i], model.TrainingDevices, tests, o.Lambdas, o.Percentiles,
                seeds.Random("lambda"), ct);
            string label = Path.GetFileNameWithoutExtension(path);
            foreach (var c in r.Cases) cases.Add((label, c));
            foreach (var t in r.Timings)
            {
                var cs = r.Cases.Where(c => c.Device == t.Device).ToArray();
                var bs = r.Constraints.Where(c => c.Device == t.Device).ToArray();
                var both = bs.Where(b => b.Found && b.SearchFound).ToArray();
                rows.Add(new L2oDeviceRow(label, t.Device, cs[0].Kind.ToString().ToLowerInvariant(), cs.Length, Median(cs.Select(c => c.Gap)), cs.Max(c => c.Gap),
                    Median(cs.Select(c => c.NearestGap)), Median(cs.Select(c => c.RandomGap)), Median(cs.Select(c => c.TrueGap)), Median(cs.Select(c => c.SearchTrueGap)),
                    t.DesignMicroseconds, t.SearchMilliseconds, bs.Length, bs.Count(b => b.Found), bs.Count(b => b.Violated), bs.Count(b => b.SearchViolated),
                    both.Length > 0 ? both.Average(b => b.SearchAccuracy - b.Accuracy) : double.NaN));
            }
            notes.Add($"{path}: {model.Set.ToString().ToLowerInvariant()}, method {(int)model.Method}, trained on {model.TrainingDevices.Count} devices (+{model.SyntheticDevices} synthetic), evaluated on {names.Length} unseen");
        }
        var all = cases.Select(c => c.Item2).ToArray();
        var gaps = all.Select(c => c.Gap).Order().ToArray();
        var s = new L2oSummary(rows.Count, all.Length, Median(gaps), gaps[(int)Math.Round(0.9 * (gaps.Length - 1))], gaps.Count(g => g <= 0.02) / (double)gaps.Length,
            Median(all.Select(c => c.NearestGap)), Median(all.Select(c => c.RandomGap)), Median(all.Select(c => c.TrueGap)), Median(all.Select(c => c.SearchTrueGap)),
            Median(rows.Select(r => r.DesignMicroseconds)), Median(rows.Select(r => r.SearchMilliseconds)),
            rows.Sum(r => r.Bounds), rows.Sum(r => r.Found), rows.Sum(r => r.Violated), rows.Sum(r => r.SearchViolated),
            rows.Where(r => double.IsFinite(r.AccuracyLoss)).Select(r => r.AccuracyLoss).DefaultIfEmpty(double.NaN).Average());
        string title = L2oOutput.Title(sets.Count == 1 && sets.Contains(L2oDeviceSet.Accelerators));
        return new L2oEvaluateResult(rows, cases, s, title, notes);
    }

    private static double Median(IEnumerable<double> values)
    {
        var v = values.Where(double.IsFinite).Order().ToArray();
        return v.Length == 0 ? double.NaN : v.Length % 2 == 1 ? v[v.Length / 2] : (v[v.Length / 2 - 1] + v[v.Length / 2]) / 2;
    }
}

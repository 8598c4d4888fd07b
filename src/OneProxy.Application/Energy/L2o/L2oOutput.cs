using System.Globalization;
using OneProxy.Reports;
using OneProxy.Reports.Figures;

namespace OneProxy.Application.L2o;

/// <summary>Tables, summary text and the gap plot of <c>oneproxy l2o evaluate</c>.</summary>
public static class L2oOutput
{
    public static OutputTable Devices(L2oEvaluateResult r)
    {
        var t = new OutputTable("model", "device", "kind", "cases", "median_gap", "max_gap", "nearest_device_gap", "random_design_gap", "true_gap", "search_true_gap",
            "design_us", "search_ms", "bounds", "found", "violated", "search_violated", "accuracy_loss_vs_search");
        foreach (var x in r.Devices)
            t.Add(x.Model, x.Device, x.Kind, OutputTable.Num(x.Cases), OutputTable.Num(x.MedianGap), OutputTable.Num(x.MaxGap), OutputTable.Num(x.NearestGap),
                OutputTable.Num(x.RandomGap), OutputTable.Num(x.TrueGap), OutputTable.Num(x.SearchTrueGap), OutputTable.Num(x.DesignMicroseconds, "0.0"),
                OutputTable.Num(x.SearchMilliseconds, "0.0"), OutputTable.Num(x.Bounds), OutputTable.Num(x.Found), OutputTable.Num(x.Violated),
                OutputTable.Num(x.SearchViolated), OutputTable.Num(x.AccuracyLoss, "0.000"));
        return t;
    }

    public static OutputTable Cases(L2oEvaluateResult r)
    {
        var t = new OutputTable("model", "device", "lambda", "gap", "nearest_device_gap", "random_design_gap", "true_gap", "search_true_gap", "design", "optimum");
        foreach (var (model, c) in r.Cases)
            t.Add(model, c.Device, string.Join(";", c.Lambda.Select(v => OutputTable.Num(v, "0.0000"))), OutputTable.Num(c.Gap), OutputTable.Num(c.NearestGap),
                OutputTable.Num(c.RandomGap), OutputTable.Num(c.TrueGap), OutputTable.Num(c.SearchTrueGap), OutputTable.Num(c.Design), OutputTable.Num(c.Optimum));
        return t;
    }

    public static IEnumerable<string> Summary(L2oEvaluateResult r)
    {
        var s = r.Summary;
        var inv = CultureInfo.InvariantCulture;
        yield return string.Create(inv, $"{s.Devices} unseen devices, {s.Cases} (device, lambda) cases");
        yield return string.Create(inv, $"normalised objective gap to the per-device optimum of f: median {s.MedianGap:P2}, 90th percentile {s.P90Gap:P2}, within 2 %: {s.ShareWithin2Percent:P0}");
        yield return string.Create(inv, $"baselines: nearest training device's optimum {s.MedianNearestGap:P2}, random design {s.MedianRandomGap:P2}");
        if (double.IsFinite(s.MedianTrueGap)) yield return string.Create(inv, $"true objective (measured costs, table accuracy): learned {s.MedianTrueGap:P2}, per-device search on the predictors {s.MedianSearchTrueGap:P2}");
        yield return string.Create(inv, $"time to a design: {s.MedianDesignMicroseconds:0.0} us (optimizer forward pass) vs {s.MedianSearchMilliseconds:0.0} ms (per-device exhaustive search on the networks), medians over devices");
        yield return string.Create(inv, $"bounds: {s.Bounds}, met by a predicted-feasible design: learned {s.Found}, broken on the true costs: learned {s.Violated}, per-device search {s.SearchViolated}; mean accuracy below the search's {s.MeanAccuracyLoss:0.000} points");
    }

    /// <summary>The figure title for measured devices or (cost-model) accelerators.</summary>
    public static string Title(bool accelerators) => accelerators
        ? "Learned optimizer on unseen accelerator configurations (cost model, not measured)"
        : "Learned optimizer on unseen measured devices (NAS-Bench-201 latency)";

    public static Figure Plot(L2oEvaluateResult r) =>
        Plot(r.Title, r.Devices.Select(d => new L2oGapRow(d.Device, d.MedianGap, d.MaxGap, d.NearestGap, d.RandomGap)).ToArray());

    /// <summary>The gap per unseen device, devices sorted by the learned optimizer's median gap.</summary>
    public static Figure Plot(string title, IReadOnlyList<L2oGapRow> devices)
    {
        var rows = devices.OrderBy(d => d.MedianGap).ToArray();
        return GapPlot.Create(title, "normalised objective gap (%), median over lambda", rows.Select(d => d.Device).ToArray(),
        [
            new GapSeries("learned optimizer", rows.Select(d => d.MedianGap).ToArray(), "#0072B2"),
            new GapSeries("learned, worst lambda", rows.Select(d => d.MaxGap).ToArray(), "#56B4E9"),
            new GapSeries("nearest training device", rows.Select(d => d.NearestGap).ToArray(), "#E69F00"),
            new GapSeries("random design", rows.Select(d => d.RandomGap).ToArray(), "#000000"),
        ], 0.02);
    }
}

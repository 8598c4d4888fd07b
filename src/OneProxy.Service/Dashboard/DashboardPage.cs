using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using OneProxy.Monotonicity;
using OneProxy.Reports;
using OneProxy.Reports.Figures;
using OneProxy.Search;
using OneProxy.Service.Onboarding;
using OneProxy.Storage;

namespace OneProxy.Service.Dashboard;

/// <summary>
/// The dashboard as server-rendered HTML with inline SVG and inline CSS only (no scripts, no
/// external resources; the response's Content-Security-Policy forbids them). Figures come from
/// the library's figure writers (Heatmap, ParetoPlot, as SVG) on the store's data.
/// </summary>
public static class DashboardPage
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Onboarded devices shown in the SRCC heatmap beside the library (the latest ones).</summary>
    public const int HeatmapDevices = 8;
    private static string H(string? s) => WebUtility.HtmlEncode(s ?? "");

    private const string Style = """
        body{font-family:Helvetica,Arial,sans-serif;margin:24px;color:#222;background:#fafafa}
        h1{font-size:22px;margin:0 0 4px} h2{font-size:17px;margin:28px 0 8px}
        .sub{color:#666;font-size:13px} table{border-collapse:collapse;font-size:13px;background:#fff}
        td,th{border:1px solid #ddd;padding:3px 8px;text-align:left} th{background:#f0f0f0}
        .bar{width:140px;height:10px;background:#eee;display:inline-block;vertical-align:middle}
        .bar span{display:block;height:10px;background:#2b8a3e}
        .onboarding{color:#b35c00}.onboarded{color:#2b8a3e}.failed{color:#c92a2a}
        .cards span{display:inline-block;background:#fff;border:1px solid #ddd;padding:6px 12px;margin:0 8px 8px 0;font-size:14px}
        .plots{display:flex;flex-wrap:wrap;gap:10px} .plots svg{width:570px;height:360px;background:#fff;border:1px solid #ddd}
        .heat svg{max-width:100%;height:auto;background:#fff}
        """;

    public static string Overview(IReadOnlyList<DeviceRecord> devices, StoreCounts counts, IReadOnlyDictionary<string, OnboardingContext> contexts,
        IReadOnlyList<(long Ms, double Qoe)> qoe, string storeName, Func<string, IReadOnlyList<StoredResult>> measurements)
    {
        var sb = new StringBuilder();
        Head(sb, "OneProxy onboarding");
        sb.Append(Inv, $"<h1>OneProxy device onboarding</h1><div class=\"sub\">store: {H(storeName)} &middot; rendered {DateTime.UtcNow:yyyy-MM-dd HH:mm:ss} UTC</div>");
        sb.Append(Inv, $"<h2>Fleet</h2><div class=\"cards\"><span>devices <b>{counts.Devices}</b></span><span>onboarded <b>{counts.Onboarded}</b></span>")
          .Append(Inv, $"<span>jobs queued <b>{counts.Queued}</b></span><span>leased <b>{counts.Leased}</b></span><span>measured <b>{counts.Results}</b></span><span>re-issued <b>{counts.Reissued}</b></span></div>");

        sb.Append("<h2>Devices</h2><table><tr><th>device</th><th>space</th><th>state</th><th>progress</th><th>measured / budget</th><th>proxy</th><th>method</th><th>front</th></tr>");
        foreach (var d in devices.Take(200))
        {
            var o = Outcome(d);
            int pct = d.Budget == 0 ? 0 : Math.Min(100, d.Measured * 100 / d.Budget);
            string state = d.State.ToString().ToLowerInvariant();
            sb.Append(Inv, $"<tr><td><a href=\"/dashboard/devices/{H(d.Name)}\">{H(d.Name)}</a></td><td>{H(d.Space)}</td><td class=\"{state}\">{state}{(d.Error is null ? "" : ": " + H(d.Error))}</td>")
              .Append(Inv, $"<td><span class=\"bar\"><span style=\"width:{pct}%\"></span></span> {pct}%</td><td>{d.Measured} / {d.Budget}</td>")
              .Append(Inv, $"<td>{H(o?.Proxy)}</td><td>{H(o?.Method ?? (o is null ? "" : "proxy reused"))}</td><td>{(o is null ? "" : o.Front.Count + " designs")}</td></tr>");
        }
        sb.Append("</table>");
        if (devices.Count > 200) sb.Append(Inv, $"<div class=\"sub\">first 200 of {devices.Count} devices</div>");

        var onboarded = devices.Where(d => Outcome(d) is not null).ToList();
        foreach (var (space, ctx) in contexts)
        {
            var recent = onboarded.Where(d => d.Space == space).TakeLast(HeatmapDevices).ToList();
            if (recent.Count == 0) continue;
            sb.Append(Inv, $"<h2>SRCC: library devices and the latest onboarded devices ({H(space)})</h2><div class=\"heat\">");
            sb.Append((Heatmap.Create(Matrix(ctx, recent, measurements), $"{space}: latency SRCC, library + onboarded (measured architectures)", ProxySelector.DefaultThreshold).ToInlineSvg()));
            sb.Append("</div>");
        }

        sb.Append("<h2>Pareto fronts (latest onboarded)</h2><div class=\"plots\">");
        foreach (var d in onboarded.TakeLast(6)) sb.Append(ParetoSvg(d, contexts));
        sb.Append("</div>");

        sb.Append("<h2>Model selection: average QoE over time</h2>");
        sb.Append(qoe.Count == 0 ? "<div class=\"sub\">no model-selection feedback yet</div>" : QoeSvg(qoe));
        sb.Append("</body></html>");
        return sb.ToString();
    }

    public static string Device(DeviceRecord d, IReadOnlyList<StoredResult> results, IReadOnlyDictionary<string, OnboardingContext> contexts)
    {
        var sb = new StringBuilder();
        Head(sb, "OneProxy: " + d.Name);
        var o = Outcome(d);
        sb.Append(Inv, $"<h1>{H(d.Name)}</h1><div class=\"sub\"><a href=\"/dashboard\">all devices</a> &middot; {H(d.Space)} &middot; batch {d.BatchSize}, threads {d.Threads}, input {d.InputSize} &middot; features {H(d.FeaturesJson)}</div>");
        sb.Append(Inv, $"<h2>State: <span class=\"{d.State.ToString().ToLowerInvariant()}\">{d.State.ToString().ToLowerInvariant()}</span> ({d.Measured} of {d.Budget} measured, {d.Planned} planned)</h2>");
        if (d.Error is not null) sb.Append(Inv, $"<div class=\"failed\">{H(d.Error)}</div>");
        if (o is not null)
        {
            sb.Append(Inv, $"<p>proxy <b>{H(o.Proxy)}</b> (sampled SRCC {o.SampledSrcc.GetValueOrDefault(o.Proxy):0.000}); {(o.Adapted ? "adapted: " + H(o.Method) : "proxy's front reused")}; {o.Front.Count} designs on the measured front</p>");
            sb.Append("<table><tr><th>adaptation round</th><th>measurements</th><th>method</th><th>estimated SRCC</th></tr>");
            int i = 1;
            foreach (var r in o.Rounds) sb.Append(Inv, $"<tr><td>{i++}</td><td>{r.Measurements}</td><td>{H(r.Method)}</td><td>{r.EstimatedSrcc:0.000}</td></tr>");
            sb.Append("</table><div class=\"plots\" style=\"margin-top:12px\">").Append(ParetoSvg(d, contexts)).Append("</div>");
        }
        sb.Append("<h2>Measurements</h2><table><tr><th>#</th><th>architecture</th><th>median ms</th><th>received (UTC)</th></tr>");
        int n = 1;
        foreach (var r in results)
            sb.Append(Inv, $"<tr><td>{n++}</td><td>{H(r.Architecture)}</td><td>{r.MedianMs:0.####}</td><td>{DateTimeOffset.FromUnixTimeMilliseconds(r.ReceivedMs):HH:mm:ss.fff}</td></tr>");
        sb.Append("</table></body></html>");
        return sb.ToString();
    }

    private static void Head(StringBuilder sb, string title) =>
        sb.Append(Inv, $"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{H(title)}</title><style>{Style}</style></head><body>");

    private static OnboardingOutcome? Outcome(DeviceRecord d) =>
        d.ResultJson is null ? null : JsonSerializer.Deserialize<OnboardingOutcome>(d.ResultJson);

    private static string ParetoSvg(DeviceRecord d, IReadOnlyDictionary<string, OnboardingContext> contexts)
    {
        var o = Outcome(d);
        if (o is null || !contexts.TryGetValue(d.Space, out var ctx) || o.Front.Count == 0) return "";
        IReadOnlyList<Candidate> Points(IEnumerable<FrontPoint> ps) => ps.Select(p => new Candidate(ctx.Space.Parse(p.Architecture), p.LatencyMs, p.Accuracy)).ToArray();
        var series = new List<PlotSeries>();
        if (o.PredictedFront.Count > 0) series.Add(new PlotSeries("searched (predicted ms)", Points(o.PredictedFront), "#1f77b4", false));
        series.Add(new PlotSeries("measured front", Points(o.Front), "#d62728", true));
        return (ParetoPlot.Create($"{d.Name}: proxy {o.Proxy}, {o.Measurements} measurements", series, $"{d.Name}: measured (front) / predicted (searched) latency, ms").ToInlineSvg());
    }

    /// <summary>Library devices (whole table) and onboarded devices (their measured architectures only, NaN elsewhere: pairwise-complete SRCC).</summary>
    private static SrccMatrix Matrix(OnboardingContext ctx, IReadOnlyList<DeviceRecord> onboarded, Func<string, IReadOnlyList<StoredResult>> measurements)
    {
        var archs = ctx.Latency.RequireArchitectures();
        var row = new Dictionary<string, int>(archs.Count);
        for (int i = 0; i < archs.Count; i++) row[ctx.Space.Format(archs[i])] = i;
        var names = ctx.Library.ToList();
        var columns = ctx.Library.Select(l => ctx.Latency.Column(l).ToArray()).ToList();
        foreach (var d in onboarded)
        {
            var col = new double[archs.Count];
            Array.Fill(col, double.NaN);
            foreach (var m in measurements(d.Name)) if (row.TryGetValue(m.Architecture, out var r)) col[r] = m.MedianMs;
            names.Add(d.Name);
            columns.Add(col);
        }
        var full = SrccMatrix.Compute(names, columns.ToArray());
        // Two onboarded devices share few measured architectures (each samples its own): hide pairs too small to mean anything.
        int n = names.Count;
        var values = new double[n, n];
        var pairs = new int[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                pairs[i, j] = full.PairCount(i, j);
                values[i, j] = i == j || pairs[i, j] >= MinHeatmapPairs ? full[i, j] : double.NaN;
            }
        return new SrccMatrix(names, values, pairs);
    }

    /// <summary>Fewer common architectures than this leave a heatmap cell empty.</summary>
    public const int MinHeatmapPairs = 10;

    /// <summary>
    /// QoE in arrival order through the plotting path: the running mean (the thesis's time-average QoE) and the
    /// mean of a recent window, which shows where the policy stands now rather than since the start.
    /// </summary>
    private static string QoeSvg(IReadOnlyList<(long Ms, double Qoe)> points)
    {
        var ordered = points.OrderBy(p => p.Ms).Select(p => p.Qoe).ToArray();
        int n = ordered.Length, window = Math.Clamp(n / 10, 1, 500);
        double[] x = new double[n], running = new double[n], recent = new double[n];
        double sum = 0, windowSum = 0;
        for (int i = 0; i < n; i++)
        {
            sum += ordered[i];
            windowSum += ordered[i] - (i >= window ? ordered[i - window] : 0);
            x[i] = i + 1;
            running[i] = sum / (i + 1);
            recent[i] = windowSum / Math.Min(i + 1, window);
        }
        LineSeries[] series =
        [
            new("time-average QoE", "#2b8a3e", x, running),
            new(string.Create(Inv, $"mean of the last {window}"), "#1f77b4", x, recent),
        ];
        return LinePlot.Create(string.Create(Inv, $"Model selection: {n} feedbacks"), "feedback (arrival order)", "QoE", series,
            legendInside: ScottPlot.Alignment.LowerRight).ToInlineSvg();
    }
}

using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OneProxy.Aquaman.Environments;
using OneProxy.Devices;
using OneProxy.Service.Agents;

namespace OneProxy.Service.Tests.Service;

/// <summary>
/// The dashboard in a real browser: Debian's chromium, headless, opens it with the admin key (the
/// server turns it into a cookie and redirects), renders the DOM and takes a screenshot.
/// Without chromium the test fails and says how to install it (CI installs it in .ci/run).
/// </summary>
[Collection("nasbench")]
public sealed class DashboardBrowserTests(NasBenchContext nb)
{
    private static string Chromium =>
        new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser" }.FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException("the dashboard test needs Debian's chromium: apt-get install -y chromium");

    private static (int Code, string Stdout) RunChromium(string userDir, params string[] args)
    {
        var psi = new ProcessStartInfo(Chromium) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--hide-scrollbars", $"--user-data-dir={userDir}" }.Concat(args))
            psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        _ = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(60_000)) { p.Kill(true); throw new TimeoutException("chromium did not finish in 60 s"); }
        return (p.ExitCode, stdout.Result);
    }

    [SkippableFact]
    public async Task The_dashboard_renders_in_headless_chromium_with_devices_heatmap_and_fronts()
    {
        await using var svc = await nb.Start(tweak: o => o with { Pipelines = 4 });
        using var admin = NasBenchContext.Client(svc);
        var targets = new[] { ("eyeriss-01", "eyeriss"), ("fpga-01", "fpga"), ("pixel2-01", "pixel2") };
        var keys = new List<string>();
        foreach (var (name, _) in targets) keys.Add(await NasBenchContext.Register(admin, name, budget: 20));
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(40));
        var recordings = targets.ToDictionary(t => t.Item1, t => new RecordedDevice(nb.Context.Latency, t.Item2));
        var agents = keys.Select((k, i) => Task.Run(async () =>
        {
            using var http = AgentLoop.Client(k, TimeSpan.FromSeconds(10));
            using var runner = new ReplayJobRunner(nb.Context.Space, recordings, TimeSpan.Zero);
            await new AgentLoop(http, new AgentOptions { Servers = [new Uri(svc.Url)], Key = k, Device = targets[i].Item1, IdlePoll = TimeSpan.FromMilliseconds(30) }, runner).RunAsync(cts.Token);
        })).ToArray();
        while ((await svc.Store.CountsAsync(CancellationToken.None)).Onboarded < targets.Length)
        {
            Assert.False(cts.IsCancellationRequested, "devices were not onboarded within 40 s");
            await Task.Delay(100);
        }
        await cts.CancelAsync();
        await Task.WhenAll(agents);

        // Model selection as the service hosts it: 300 arrivals of the thesis's four device types, each QoE
        // drawn from the SYNTHETIC user study of the Aquaman work, so the dashboard's QoE chart has a run to show.
        var env = new ThesisEnvironment();
        var rng = new Random(7);
        for (int t = 0; t < 300; t++)
        {
            int d = t % env.Devices.Count;
            var feasible = env.FeasibleArms(d).Select(m => env.Models[m].Name).ToArray();
            using var sel = await admin.PostAsJsonAsync("api/v1/select", new { device_id = $"phone-{d}-{t % 15}", features = env.Devices[d].Features, feasible_models = feasible });
            Assert.Equal(HttpStatusCode.OK, sel.StatusCode);
            var body = await sel.Content.ReadFromJsonAsync<JsonElement>();
            string model = body.GetProperty("model").GetString()!;
            int arm = env.Models.Select(m => m.Name).ToList().IndexOf(model);
            Assert.Contains(model, feasible);
            using var fb = await admin.PostAsJsonAsync("api/v1/feedback", new { decision_id = body.GetProperty("decision_id").GetInt64(), qoe = env.DrawQoe(d, arm, rng), model });
            Assert.Equal(HttpStatusCode.OK, fb.StatusCode);
        }

        // The HTML itself: no script, no external resource, a strict CSP.
        using (var page = await admin.GetAsync("dashboard"))
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains("default-src 'none'", page.Headers.GetValues("Content-Security-Policy").Single());
            var html = await page.Content.ReadAsStringAsync();
            foreach (var (name, _) in targets) Assert.Contains(name, html);
            Assert.Contains("SRCC: library devices", html);
            Assert.True(html.Split("<svg").Length - 1 >= 2 + targets.Length, "heatmap, one Pareto plot per onboarded device and the QoE chart expected");
            Assert.Contains("300 feedbacks", html);
            Assert.DoesNotContain("no model-selection feedback yet", html);
            Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("src=", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("href=\"http", html, StringComparison.OrdinalIgnoreCase);
        }

        var userDir = Repo.TempPath("chromium");
        var png = Path.Combine(userDir, "dashboard.png");
        Directory.CreateDirectory(userDir);
        try
        {
            string url = $"{svc.Url}/dashboard?key={NasBenchContext.AdminKey}";
            var (code, _) = RunChromium(userDir, $"--screenshot={png}", "--window-size=1280,2450", url);
            Assert.Equal(0, code);
            var bytes = await File.ReadAllBytesAsync(png);
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
            int width = (bytes[16] << 24) | (bytes[17] << 16) | (bytes[18] << 8) | bytes[19];
            Assert.Equal(1280, width);
            Assert.True(bytes.Length > 50_000, $"screenshot is only {bytes.Length} bytes: a blank page?");
            if (Environment.GetEnvironmentVariable("ONEPROXY_SCREENSHOT_OUT") is { Length: > 0 } keep) File.Copy(png, keep, overwrite: true);
        }
        finally
        {
            Directory.Delete(userDir, recursive: true);
        }
    }
}

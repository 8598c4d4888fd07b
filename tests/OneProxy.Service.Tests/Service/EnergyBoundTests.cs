using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OneProxy.Devices;
using OneProxy.Service.Agents;
using OneProxy.Service.Api;

namespace OneProxy.Service.Tests.Service;

/// <summary>Agents that report energy_mj: it is stored, and best?max_latency_ms=..&amp;max_energy_mj=.. answers under both bounds.</summary>
[Collection("nasbench")]
public sealed class EnergyBoundTests(NasBenchContext nb)
{
    /// <summary>Replays a recorded latency and reports a synthetic energy (latency times 1..4 by the architecture's characters), so the two bounds disagree.</summary>
    private sealed class EnergyRunner(ReplayJobRunner inner) : IJobRunner
    {
        public static double Energy(string arch, double ms) => ms * (1 + arch.Sum(c => c) % 4);

        public async Task<Measured> RunAsync(JobDto job, CancellationToken ct)
        {
            var m = await inner.RunAsync(job, ct);
            return m with { EnergyMj = Energy(job.Arch, m.MedianMs) };
        }

        public void Dispose() => inner.Dispose();
    }

    [SkippableFact]
    public async Task Best_under_a_latency_and_an_energy_bound_is_the_most_accurate_measured_design_within_both()
    {
        await using var svc = await nb.Start();
        using var admin = NasBenchContext.Client(svc);
        var key = await NasBenchContext.Register(admin, "fpga-energy", budget: 20);
        var replay = new ReplayJobRunner(nb.Context.Space, new Dictionary<string, RecordedDevice> { ["fpga-energy"] = new(nb.Context.Latency, "fpga") }, TimeSpan.Zero);
        using var runner = new EnergyRunner(replay);
        using var http = AgentLoop.Client(key, TimeSpan.FromSeconds(10));
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(40));
        var agent = new AgentLoop(http, new AgentOptions { Servers = [new Uri(svc.Url)], Key = key, Device = "fpga-energy", IdlePoll = TimeSpan.FromMilliseconds(20), Batch = 8 }, runner).RunAsync(cts.Token);
        var sw = Stopwatch.StartNew();
        while ((await admin.GetFromJsonAsync<JsonElement>("api/v1/devices/fpga-energy")).GetProperty("state").GetString() == "onboarding")
        {
            Assert.True(sw.Elapsed < TimeSpan.FromSeconds(35), "not onboarded in 35 s");
            await Task.Delay(50);
        }
        await cts.CancelAsync();
        await agent;

        var measured = (await admin.GetFromJsonAsync<JsonElement[]>("api/v1/devices/fpga-energy/measurements"))!;
        Assert.True(measured.Length >= 15);
        var rows = measured.Select(m => (Arch: m.GetProperty("arch").GetString()!, Ms: m.GetProperty("median_ms").GetDouble(), Mj: m.GetProperty("energy_mj").GetDouble())).ToArray();
        Assert.All(rows, r => Assert.Equal(EnergyRunner.Energy(r.Arch, r.Ms), r.Mj, 9));
        double maxMs = rows.Select(r => r.Ms).Order().ElementAt(rows.Length * 3 / 4), maxMj = rows.Select(r => r.Mj).Order().ElementAt(rows.Length / 2);
        var fits = rows.Where(r => r.Ms <= maxMs && r.Mj <= maxMj).ToArray();
        Assert.NotEmpty(fits);
        var acc = nb.Context.Accuracy.PredictAll(fits.Select(r => nb.Context.Space.Parse(r.Arch)).ToArray());
        var inv = System.Globalization.CultureInfo.InvariantCulture;

        var best = await admin.GetFromJsonAsync<BestResponse>($"api/v1/devices/fpga-energy/best?max_latency_ms={maxMs.ToString("R", inv)}&max_energy_mj={maxMj.ToString("R", inv)}", ApiJson.Options);
        Assert.Equal(acc.Max(), best!.Accuracy, 9);
        Assert.True(best.LatencyMs <= maxMs && best.EnergyMj <= maxMj, $"{best.LatencyMs} ms, {best.EnergyMj} mJ");
        Assert.Equal(maxMj, best.MaxEnergyMj);

        using var none = await admin.GetAsync($"api/v1/devices/fpga-energy/best?max_latency_ms={maxMs.ToString("R", inv)}&max_energy_mj={(rows.Min(r => r.Mj) / 2).ToString("R", inv)}");
        Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
        Assert.Equal("max_energy_mj", (await none.Content.ReadFromJsonAsync<ApiError>(ApiJson.Options))!.Field);
        using var bad = await admin.GetAsync($"api/v1/devices/fpga-energy/best?max_latency_ms=5&max_energy_mj=-1");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("max_energy_mj", (await bad.Content.ReadFromJsonAsync<ApiError>(ApiJson.Options))!.Field);
    }
}

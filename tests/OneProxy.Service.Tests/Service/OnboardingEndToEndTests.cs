using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OneProxy.Measurement;
using OneProxy.Search;
using OneProxy.Service.Agents;
using OneProxy.Service.Api;
using OneProxy.Service.Onboarding;

namespace OneProxy.Service.Tests.Service;

[Collection("nasbench")]
public sealed class OnboardingEndToEndTests(NasBenchContext nb)
{
    /// <summary>The fake-agent command of the CLI in this test's output folder, replaying a recorded column.</summary>
    private static AgentCommand FakeAgent(string column) => new(
        $"dotnet {AgentCommand.ShellQuote(Path.Combine(AppContext.BaseDirectory, "OneProxy.Cli.dll"))} fake-agent --space {{space}} " +
        $"--latency {AgentCommand.ShellQuote(NasBenchContext.LatencyCsv)} --column {column} --batch {{batch}} --threads {{threads}}");

    private static async Task<JsonElement> WaitOnboarded(HttpClient admin, string device, TimeSpan limit)
    {
        var sw = Stopwatch.StartNew();
        while (sw.Elapsed < limit)
        {
            var d = await admin.GetFromJsonAsync<JsonElement>($"api/v1/devices/{device}");
            if (d.GetProperty("state").GetString() != "onboarding") return d;
            await Task.Delay(100);
        }
        throw new TimeoutException($"{device} not onboarded within {limit}");
    }

    [SkippableFact]
    public async Task A_device_measured_by_the_fake_agent_process_is_onboarded_and_its_front_served()
    {
        await using var svc = await nb.Start();
        using var admin = NasBenchContext.Client(svc);
        var key = await NasBenchContext.Register(admin, "eyeriss-lab");
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(45));
        using var http = AgentLoop.Client(key, TimeSpan.FromSeconds(10));
        using var runner = new ProcessJobRunner(FakeAgent("eyeriss"), TimeSpan.FromSeconds(20));
        var loop = new AgentLoop(http, new AgentOptions { Servers = [new Uri(svc.Url)], Key = key, Device = "eyeriss-lab", IdlePoll = TimeSpan.FromMilliseconds(50) }, runner);
        var agent = loop.RunAsync(cts.Token);
        var device = await WaitOnboarded(admin, "eyeriss-lab", TimeSpan.FromSeconds(40));
        await cts.CancelAsync();
        var summary = await agent;

        Assert.Equal("onboarded", device.GetProperty("state").GetString());
        int measured = device.GetProperty("measured").GetInt32();
        Assert.Equal(device.GetProperty("planned").GetInt32(), measured);
        Assert.InRange(measured, 15, 30);
        Assert.Equal(measured, summary.Stored);
        var result = device.GetProperty("result");
        Assert.Contains(result.GetProperty("proxy").GetString(), NasBenchContext.Library);
        Assert.Equal(measured, result.GetProperty("measurements").GetInt32());

        // The served front is measured on the device: compare with eyeriss's oracle front from the recording.
        var front = await admin.GetFromJsonAsync<FrontPoint[]>("api/v1/devices/eyeriss-lab/front", ApiJson.Options);
        Assert.NotEmpty(front!);
        var ctx = nb.Context;
        var acc = ctx.Accuracy.PredictAll(ctx.Pool);
        var oracle = Pareto.Front(ctx.Pool, ctx.Pool.Select(a => ctx.Latency.Column("eyeriss")[IndexOf(ctx, a)]).ToArray(), acc);
        var served = front!.Select(p => new Candidate(ctx.Space.Parse(p.Architecture), p.LatencyMs, p.Accuracy)).ToArray();
        foreach (var c in served) Assert.Equal(ctx.Latency.Column("eyeriss")[IndexOf(ctx, c.Architecture)], c.LatencyMs, 9);
        Assert.True(Pareto.HypervolumeRatio(served, oracle) > 0.95, $"hypervolume ratio {Pareto.HypervolumeRatio(served, oracle)}");

        var fastest = front!.Min(p => p.LatencyMs);
        var best = await admin.GetFromJsonAsync<BestResponse>($"api/v1/devices/eyeriss-lab/best?max_latency_ms={fastest * 2}", ApiJson.Options);
        Assert.True(best!.LatencyMs <= fastest * 2);
        Assert.Equal(front!.Where(p => p.LatencyMs <= fastest * 2).Max(p => p.Accuracy), best.Accuracy);
        using var none = await admin.GetAsync($"api/v1/devices/eyeriss-lab/best?max_latency_ms={fastest / 2}");
        Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
    }

    private static int IndexOf(OnboardingContext ctx, OneProxy.SearchSpaces.Architecture a) =>
        ctx.Latency.RequireArchitectures().ToList().IndexOf(a);
}

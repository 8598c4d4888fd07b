using OneProxy.Devices;
using OneProxy.Service.Agents;

namespace OneProxy.Service.Tests.Service;

/// <summary>Two service replicas on one PostgreSQL database share devices and jobs; stopping one loses nothing.</summary>
[Collection("nasbench")]
public sealed class ReplicaTests(NasBenchContext nb, PostgresServer pg)
{
    [SkippableFact]
    public async Task Two_replicas_on_postgres_onboard_every_device_once_when_one_stops_midway()
    {
        string store = pg.NewSchema();
        var a = await nb.Start(store, o => o with { Pipelines = 2, PlannerLeaseMs = 1_000, ResultPollMs = 100 });
        await using var b = await nb.Start(store, o => o with { Pipelines = 2, PlannerLeaseMs = 1_000, ResultPollMs = 100 });
        using var admin = NasBenchContext.Client(b);
        var devices = new[] { ("r-eyeriss", "eyeriss"), ("r-fpga", "fpga"), ("r-pixel2", "pixel2"), ("r-gold", "gold_6226") };
        var keys = new List<string>();
        foreach (var (name, _) in devices) keys.Add(await NasBenchContext.Register(admin, name, budget: 20));
        var recordings = devices.ToDictionary(d => d.Item1, d => new RecordedDevice(nb.Context.Latency, d.Item2));
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(45));
        var agents = keys.Select((k, i) => Task.Run(async () =>
        {
            using var http = AgentLoop.Client(k, TimeSpan.FromSeconds(5));
            using var runner = new ReplayJobRunner(nb.Context.Space, recordings, TimeSpan.FromMilliseconds(5));
            var servers = i % 2 == 0 ? new[] { new Uri(a.Url), new Uri(b.Url) } : [new Uri(b.Url), new Uri(a.Url)];
            return await new AgentLoop(http, new AgentOptions { Servers = servers, Key = k, Device = devices[i].Item1, IdlePoll = TimeSpan.FromMilliseconds(30), LeaseMs = 2_000 }, runner).RunAsync(cts.Token);
        })).ToArray();

        // Let replica A take part (it holds pipelines and serves agents), then stop it while work is in flight.
        while ((await b.Store.CountsAsync(CancellationToken.None)).Results < 10) { Assert.False(cts.IsCancellationRequested); await Task.Delay(50); }
        Assert.True(a.Planner.Running + b.Planner.Running > 0);
        await a.DisposeAsync();

        while ((await b.Store.CountsAsync(CancellationToken.None)).Onboarded < devices.Length)
        {
            Assert.False(cts.IsCancellationRequested, "not every device was onboarded within 45 s after a replica stopped");
            await Task.Delay(100);
        }
        await cts.CancelAsync();
        var summaries = await Task.WhenAll(agents);
        var c = await b.Store.CountsAsync(CancellationToken.None);
        Assert.Equal(c.Jobs, c.Done);
        Assert.Equal(c.Results, c.DistinctResults);
        Assert.Equal(c.Results, summaries.Sum(s => s.Stored));
        foreach (var (name, _) in devices)
        {
            var d = (await b.Store.GetDeviceAsync(name, CancellationToken.None))!;
            Assert.Equal(OneProxy.Storage.DeviceState.Onboarded, d.State);
            Assert.Equal(d.Planned, d.Measured);
        }
    }
}

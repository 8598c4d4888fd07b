using OneProxy.Adaptation;
using OneProxy.Cli.Commands;
using OneProxy.Data;
using OneProxy.Devices;
using OneProxy.Measurement;
using OneProxy.Predictors;
using OneProxy.Search;
using OneProxy.SearchSpaces;
using OneProxy.Tests.Search;
using OneProxy.Transfer;

namespace OneProxy.Tests.Measurement;

/// <summary>Algorithm 5 driven through a real agent process (the fake agent replaying a recorded column) and the store.</summary>
public sealed class AgentDeviceTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("oneproxy-agentdevice-").FullName;
    private static readonly NasBench201Space Space = new();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Dotnet =>
        Environment.ProcessPath is string p && Path.GetFileNameWithoutExtension(p) == "dotnet" ? p : "dotnet";

    [SkippableFact]
    public void TransferOnAnAgentDeviceMatchesTheRecordedDeviceAndStoresEveryMeasurement()
    {
        TestData.RequireSharedDatasets();
        var t = TestData.NasBench201Latency;
        var acc = SearchTests.Cifar10;
        var chars = new CharacterisedDevices(Space, t);
        var proxy = chars.Predictor("pixel3");
        var all = chars.All;
        var proxyFront = Pareto.Front(all.Architectures, proxy.PredictAll(all), acc.PredictAll(all.Architectures));
        var adapter = new ProxyAdapter(Space, proxy, [chars.Predictor("gold_6240")]);
        var pool = all.Architectures.ToArray();
        new SeedStream(5).Random("pool").Shuffle(pool);
        var options = new TransferOptions { SampleSize = 8, Budget = 12 };

        var recorded = new RecordedDevice(t, "titan_rtx_1");
        var expected = new TransferPipeline(Space, proxy, proxyFront, adapter, acc, options).Run(recorded, pool, new SeedStream(5));

        var latencyFile = DatasetLocator.File("nasbench201", "latency_ms.csv");
        var agent = new AgentCommand($"{Dotnet} {AgentCommand.ShellQuote(typeof(CommandTree).Assembly.Location)} fake-agent --space {{space}} " +
                                     $"--batch {{batch}} --threads {{threads}} --input {{input}} --latency {AgentCommand.ShellQuote(latencyFile)} --column titan_rtx_1");
        using var store = MeasurementStore.Open(Path.Combine(_dir, "m.db"));
        var device = new AgentDevice(store, Space, agent, new MeasureOptions { Device = "titan_rtx_1", Setting = new MeasurementSetting(1, 1, 32), Warmup = 0, Runs = 1 });
        var actual = new TransferPipeline(Space, proxy, proxyFront, adapter, acc, options).Run(device, pool, new SeedStream(5));

        Assert.Equal(expected.TargetMeasurements, actual.TargetMeasurements);
        Assert.Equal(expected.Front.Select(c => c.Architecture), actual.Front.Select(c => c.Architecture));
        Assert.Equal(device.AgentRuns, store.Count); // every measurement the agent made is stored
        Assert.InRange(store.Count, 1, options.Budget);
    }
}

using System.Net.Http.Json;
using OneProxy.Data;
using OneProxy.Service.Api;
using OneProxy.Service.Onboarding;

namespace OneProxy.Service.Tests.Service;

/// <summary>
/// The NAS-Bench-201 onboarding context, loaded once for every service test: a library of six
/// characterised devices; targets replayed by agents are other columns (eyeriss, fpga, pixel2...).
/// </summary>
public sealed class NasBenchContext
{
    public static readonly string[] Library = ["pixel3", "1080ti_1", "gold_6240", "raspi4", "titanx_256", "samsung_a50"];

    // Loaded on first use, not in the constructor: without the shared datasets every test of the collection
    // skips with the missing paths instead of failing in the fixture.
    private readonly Lazy<OnboardingContext> _context = new(() => OnboardingContext.Load("nasbench201", null, null, "cifar10_test_acc", Library));

    /// <summary>The dataset files the service tests read (README, Datasets: how to rebuild them).</summary>
    public static readonly IReadOnlyList<string> SharedFiles = ["nasbench201/latency_ms.csv", "nasbench201/architectures.csv"];

    /// <summary>
    /// Skips the calling test (a [SkippableFact]/[SkippableTheory]) naming the missing files when the shared
    /// datasets are absent; ONEPROXY_REQUIRE_DATA=1 (CI) makes absence a failure, as in OneProxy.Tests.
    /// </summary>
    public static void RequireSharedDatasets()
    {
        var missing = SharedFiles.Select(f => Path.Combine(DatasetLocator.Root, f)).Where(p => !File.Exists(p)).ToArray();
        if (missing.Length == 0) return;
        var message = $"dataset file(s) missing: {string.Join(", ", missing)} (set {DatasetLocator.EnvironmentVariable} to the datasets folder; README, Datasets)";
        if (Environment.GetEnvironmentVariable("ONEPROXY_REQUIRE_DATA") == "1") Assert.Fail(message);
        Skip.If(true, message);
    }

    public OnboardingContext Context { get { RequireSharedDatasets(); return _context.Value; } }
    public IReadOnlyDictionary<string, OnboardingContext> Contexts => new Dictionary<string, OnboardingContext> { ["nasbench201"] = Context };
    public static string LatencyCsv { get { RequireSharedDatasets(); return DatasetLocator.File("nasbench201", "latency_ms.csv"); } }

    /// <summary>A service on a fresh SQLite file (or the given store) with short ticks for tests.</summary>
    public Task<RunningService> Start(string? store = null, Func<ServiceOptions, ServiceOptions>? tweak = null)
    {
        var o = new ServiceOptions
        {
            Store = store ?? Repo.TempPath("svc.db"), AdminKey = AdminKey, Pipelines = 8, PlannerTickMs = 20, ResultPollMs = 200,
            PlannerLeaseMs = 2_000, LeaseMs = 5_000, DefaultBudget = 30,
        };
        return ServiceHost.StartAsync(tweak?.Invoke(o) ?? o, Contexts, CancellationToken.None);
    }

    public const string AdminKey = "test-admin-key-0123456789";

    public static HttpClient Client(RunningService s, string? key = AdminKey)
    {
        var c = new HttpClient { BaseAddress = new Uri(s.Url), Timeout = TimeSpan.FromSeconds(20) };
        if (key is not null) c.DefaultRequestHeaders.Add(Auth.Header, key);
        return c;
    }

    public static async Task<string> Register(HttpClient admin, string name, int budget = 30)
    {
        using var resp = await admin.PostAsJsonAsync("api/v1/devices", new { name, space = "nasbench201", batch_size = 1, threads = 1, budget, features = new { soc = "test", cores = 4 } });
        Assert.Equal(System.Net.HttpStatusCode.Created, resp.StatusCode);
        return (await resp.Content.ReadFromJsonAsync<RegisterDeviceResponse>(ApiJson.Options))!.AgentKey;
    }
}

[CollectionDefinition("nasbench")]
public sealed class NasBenchCollection : ICollectionFixture<NasBenchContext>, ICollectionFixture<PostgresServer>;

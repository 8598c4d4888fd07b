using OneProxy.Data;

namespace OneProxy.Reliability.Tests;

/// <summary>The shared datasets some reliability tests cut their partial recordings from (never in the repo).</summary>
public static class SharedData
{
    /// <summary>The dataset files those tests read (README, Datasets: how to rebuild them).</summary>
    public static readonly IReadOnlyList<string> Files = ["nasbench201/latency_ms.csv", "nasbench201/architectures.csv"];

    /// <summary>
    /// Skips the calling test (a [SkippableFact]) naming the missing files when the datasets are absent;
    /// ONEPROXY_REQUIRE_DATA=1 (CI) makes absence a failure, as in OneProxy.Tests.
    /// </summary>
    public static void Require()
    {
        var missing = Files.Select(f => Path.Combine(DatasetLocator.Root, f)).Where(p => !File.Exists(p)).ToArray();
        if (missing.Length == 0) return;
        var message = $"dataset file(s) missing: {string.Join(", ", missing)} (set {DatasetLocator.EnvironmentVariable} to the datasets folder; README, Datasets)";
        if (Environment.GetEnvironmentVariable("ONEPROXY_REQUIRE_DATA") == "1") Assert.Fail(message);
        Skip.If(true, message);
    }
}

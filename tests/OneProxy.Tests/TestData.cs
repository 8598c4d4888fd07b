using OneProxy.Data;
using OneProxy.SearchSpaces;

namespace OneProxy.Tests;

/// <summary>Shared datasets, loaded once per test run (they live in ../shared/datasets, never in the repo).</summary>
public static class TestData
{
    /// <summary>The dataset files the tests read (README, Datasets: how to rebuild them).</summary>
    public static readonly IReadOnlyList<string> SharedFiles =
        ["nasbench201/latency_ms.csv", "nasbench201/architectures.csv", "fbnet/latency_ms.csv", "fbnet/architectures.csv"];

    /// <summary>
    /// Skips the calling test (it must be a [SkippableFact]/[SkippableTheory]) with the missing
    /// paths in the message when the shared datasets are absent. ONEPROXY_REQUIRE_DATA=1 (for CI,
    /// where the folder is always beside the clone) makes absence a failure instead of a skip.
    /// </summary>
    public static void RequireSharedDatasets()
    {
        var missing = SharedFiles.Select(f => Path.Combine(DatasetLocator.Root, f)).Where(p => !File.Exists(p)).ToArray();
        if (missing.Length == 0) return;
        var message = $"dataset file(s) missing: {string.Join(", ", missing)} (set {DatasetLocator.EnvironmentVariable} to the datasets folder; README, Datasets)";
        if (Environment.GetEnvironmentVariable("ONEPROXY_REQUIRE_DATA") == "1") Assert.Fail(message);
        Skip.If(true, message);
    }

    private static readonly Lazy<WideTable> Nb201 = new(() =>
        WideTableReader.ReadLatency(DatasetLocator.File("nasbench201", "latency_ms.csv"), new NasBench201Space()));
    private static readonly Lazy<WideTable> FbNet = new(() =>
        WideTableReader.ReadLatency(DatasetLocator.File("fbnet", "latency_ms.csv"), new FbNetSpace()));

    public static WideTable NasBench201Latency { get { RequireSharedDatasets(); return Nb201.Value; } }
    public static WideTable FbNetLatency { get { RequireSharedDatasets(); return FbNet.Value; } }

    /// <summary>A temporary CSV file with the given content; deleted by the caller's using.</summary>
    public static TempFile Csv(string content) => new(content);

    public sealed class TempFile : IDisposable
    {
        public TempFile(string content)
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"oneproxy-{Guid.NewGuid():N}.csv");
            File.WriteAllText(Path, content);
        }

        public string Path { get; }
        public void Dispose() => File.Delete(Path);
    }
}

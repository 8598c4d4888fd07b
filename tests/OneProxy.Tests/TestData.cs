using OneProxy.Data;
using OneProxy.SearchSpaces;

namespace OneProxy.Tests;

/// <summary>Shared datasets, loaded once per test run (they live in ../shared/datasets, never in the repo).</summary>
public static class TestData
{
    private static readonly Lazy<WideTable> Nb201 = new(() =>
        WideTableReader.ReadLatency(DatasetLocator.File("nasbench201", "latency_ms.csv"), new NasBench201Space()));
    private static readonly Lazy<WideTable> FbNet = new(() =>
        WideTableReader.ReadLatency(DatasetLocator.File("fbnet", "latency_ms.csv"), new FbNetSpace()));

    public static WideTable NasBench201Latency => Nb201.Value;
    public static WideTable FbNetLatency => FbNet.Value;

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

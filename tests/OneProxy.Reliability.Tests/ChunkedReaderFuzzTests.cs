using System.Text;
using OneProxy.Data;
using OneProxy.SearchSpaces;
using Xunit.Abstractions;

namespace OneProxy.Reliability.Tests;

/// <summary>
/// The file reader's fast path (issue 20's chunked span parser) against the general CsvHelper
/// reader on hostile files: whenever the fast path returns a table, the general reader returns
/// the same table; otherwise the fast path must have declined (null), never thrown and never
/// returned a table the general reader refuses. Tiny chunks and windows put the boundaries everywhere.
/// </summary>
public class ChunkedReaderFuzzTests(ITestOutputHelper output)
{
    private static readonly ISearchSpace Space = SearchSpaceRegistry.Get("nasbench201");

    [Fact]
    public void FastPathReturnsTheGeneralReadersTableOrDeclines()
    {
        var path = Path.Combine(Path.GetTempPath(), $"oneproxy-chunked-fuzz-{Guid.NewGuid():N}.csv");
        int taken = 0;
        try
        {
            var inputs = FsCheck.Fluent.Gen.OneOf(Mutations.Of(ReaderFuzzTests.WideCsv(true)), Mutations.Of(ReaderFuzzTests.WideCsv(false)));
            var run = new FuzzRun<string>("chunked wide CSV reader vs general reader", output);
            run.Check(inputs, 2_000, text =>
            {
                File.WriteAllBytes(path, Encoding.UTF8.GetBytes(text));
                var kind = text.Length % 3 == 0 ? ValueKind.AccuracyPercent : ValueKind.LatencyMs;
                int chunk = 1 + text.Length % 61, window = 8 + text.Length % 29;
                var fast = ChunkedWideCsv.TryRead(path, kind, Space, null, false, null, chunk, window);
                if (fast is null)
                {
                    WideTableReader.ReadGeneral(path, kind, Space); // declined: whatever the general reader says stands
                    return;
                }
                taken++;
                WideTable general;
                try { general = WideTableReader.ReadGeneral(path, kind, Space); }
                catch (OneProxyException e) { throw new InvalidOperationException($"the fast path accepted a file the general reader refuses: {e.Message}"); }
                Assert.Equal(general.RowCount, fast.RowCount);
                Assert.Equal(general.ColumnNames, fast.ColumnNames);
                Assert.Equal(general.Indices, fast.Indices);
                Assert.Equal(general.Architectures, fast.Architectures);
                for (int c = 0; c < general.ColumnNames.Count; c++) Assert.Equal(general.Column(c).ToArray(), fast.Column(c).ToArray());
            });
            output.WriteLine($"fast path took {taken} files and declined the others");
            Assert.True(taken > 150, $"the fast path must take a good share of the inputs (took {taken})");
        }
        finally
        {
            File.Delete(path);
        }
    }
}

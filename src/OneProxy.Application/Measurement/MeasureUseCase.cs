using System.Globalization;
using OneProxy.Data;
using OneProxy.Measurement;
using OneProxy.SearchSpaces;

namespace OneProxy.Application.Measurement;

/// <summary><c>oneproxy measure</c>: architectures from a file or a seeded sample, measured through an agent into the store.</summary>
public sealed record MeasureRequest(string Space, string StorePath, MeasureOptions Options, string AgentTemplate, string? ArchitecturesPath = null, int Sample = 100, int Seed = 0)
{
    public MeasureRequest Validate()
    {
        if (ArchitecturesPath is null) Require.AtLeast(Sample, 1, "sample");
        Options.Validated();
        return this;
    }
}

public sealed record MeasureReport(MeasureOptions Options, MeasureSummary Summary, string StorePath, long StoreCount)
{
    public IEnumerable<string> Lines()
    {
        var s = Summary;
        yield return $"{Options.Device} ({Options.Setting.Label}): {s.Requested} requested, {s.AlreadyStored} already stored, " +
                     $"{s.Measured} measured, {s.StoredMeanwhile} stored meanwhile by another run, {s.Failures.Count} failed; store {StorePath} holds {StoreCount}";
        foreach (var f in s.Failures) yield return $"  failed: {f.Architecture}: {f.Error}";
    }
}

public static class MeasureUseCase
{
    /// <param name="progress">One line per architecture as its result arrives.</param>
    /// <param name="counts">Architectures done of the total, for a progress bar.</param>
    public static MeasureReport Run(MeasureRequest request, Action<string>? progress = null, IProgress<WorkProgress>? counts = null)
    {
        request.Validate();
        var s = SearchSpaceRegistry.Get(request.Space);
        var list = ReadArchitectures(request.ArchitecturesPath, s, request.Sample, request.Seed);
        using var store = MeasurementStore.Open(request.StorePath);
        var inv = CultureInfo.InvariantCulture;
        var run = new MeasurementRun(store, s, new AgentCommand(request.AgentTemplate), request.Options)
        {
            Progress = (done, total, report) =>
            {
                counts?.Report(new WorkProgress(done, total));
                progress?.Invoke(report switch
                {
                    AgentMeasurement m => string.Create(inv, $"[{done}/{total}] {m.MedianMs,9:0.000} ms  {Shorten(m.Architecture)}"),
                    AgentFailure f => $"[{done}/{total}] failed: {f.Error}  {Shorten(f.Architecture)}",
                    _ => "",
                });
            },
        };
        var summary = run.Run(list);
        return new MeasureReport(request.Options, summary, store.Path, store.Count);
    }

    /// <summary>
    /// Architectures from a file (one per line; blank lines and '#' comments skipped), or a
    /// sample drawn with the seed as given (the run's only random consumer).
    /// </summary>
    public static IReadOnlyList<Architecture> ReadArchitectures(string? path, ISearchSpace space, int sample, int seed)
    {
        if (path is null) return space.SampleDistinct(Require.AtLeast(sample, 1, "sample"), new Random(seed));
        if (!File.Exists(path)) throw new FileNotFoundException($"file not found: {path}", path);
        var list = new List<Architecture>();
        long line = 0;
        foreach (var text in File.ReadLines(path))
        {
            line++;
            var t = text.Trim();
            if (t.Length == 0 || t[0] == '#') continue;
            try { list.Add(space.Parse(t)); }
            catch (ArchitectureFormatException e) { throw new DataFormatException(path, line, null, e.Message); }
        }
        if (list.Count == 0) throw new DataFormatException(path, line, null, "no architectures in the file");
        return list;
    }

    private static string Shorten(string s) => s.Length <= 90 ? s : s[..87] + "...";
}

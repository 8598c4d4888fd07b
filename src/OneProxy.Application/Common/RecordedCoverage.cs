using OneProxy.Accuracy;
using OneProxy.Data;
using OneProxy.SearchSpaces;

namespace OneProxy.Application;

/// <summary>
/// Which architectures of a latency table a replayed experiment can use: those measured on every
/// named column and with an accuracy (every one, when the accuracy is a predictor). Published recordings are often partial (1,000-2,000 of
/// NAS-Bench-201's 15,625); searches then run over what is covered and say how much was left out,
/// instead of failing on the first architecture the recording cannot replay.
/// </summary>
public sealed record RecordedCoverage(Architecture[] Architectures, bool WholeSpace, string? Note)
{
    public static RecordedCoverage Of(WideTable table, ISearchSpace space, IAccuracySource accuracy, params string[] columns)
    {
        var archs = table.RequireArchitectures();
        var cols = columns.Select(c => table.Column(c).ToArray()).ToArray();
        var covered = new List<Architecture>(archs.Count);
        for (int i = 0; i < archs.Count; i++)
            if (cols.All(c => !double.IsNaN(c[i])) && (accuracy is not TableAccuracy t || t.Contains(archs[i]))) covered.Add(archs[i]);
        if (covered.Count < 2)
            throw new UnusableDataException($"{table.Source}: only {covered.Count} architecture(s) have a value on {string.Join(" and ", columns)} and an accuracy; nothing to search");
        bool whole = covered.Count == archs.Count && space.Size == archs.Count;
        string? note = whole ? null
            : $"partial recording: {covered.Count} of {space.Name}'s {space.Size} architectures have {string.Join(", ", columns)} and an accuracy; searching those only ({space.Size - covered.Count} left out)";
        return new RecordedCoverage([.. covered], whole, note);
    }
}

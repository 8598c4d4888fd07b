using OneProxy.Predictors;
using OneProxy.SearchSpaces;

namespace OneProxy.Application.Adaptation;

/// <summary>Library predictors from files and directories of <c>*.json</c> (ordinal order), never the target's own nor a copy of the proxy.</summary>
public static class PredictorLibrary
{
    public static IReadOnlyList<LinearPredictor> Load(IReadOnlyList<string> entries, ISearchSpace space, string target, LinearPredictor proxy, List<string> notes)
    {
        var files = new List<string>();
        foreach (var e in entries)
        {
            if (Directory.Exists(e)) files.AddRange(Directory.GetFiles(e, "*.json").Order(StringComparer.Ordinal));
            else if (File.Exists(e)) files.Add(e);
            else throw new InvalidOptionException("library", $"no such file or directory: {e}");
        }
        var result = new List<LinearPredictor>();
        foreach (var f in files)
        {
            var p = PredictorFile.Load(f, space);
            if (p.Device == target) { notes.Add($"library: skipping {f}: it is the target's own predictor"); continue; }
            if (p.Device == proxy.Device && p.Weights.SequenceEqual(proxy.Weights)) continue;
            result.Add(p);
        }
        return result;
    }
}

using OneProxy.Accuracy;
using OneProxy.Data;
using OneProxy.SearchSpaces;

namespace OneProxy.Application;

/// <summary>
/// Where accuracies come from: a table (default: the dataset's architectures.csv) and the column
/// to optimise, or an MLP accuracy predictor (<paramref name="PredictorPath"/>, from fit-accuracy)
/// for spaces whose datasets have no accuracies (FBNet, OFA).
/// </summary>
public sealed record AccuracyInput(string? Path = null, string Column = "cifar10_test_acc", string? PredictorPath = null)
{
    /// <summary>The accuracy table; fails in one line naming what to use instead when there is none.</summary>
    public (TableAccuracy Source, string Note) Load(ISearchSpace space)
    {
        var (table, path) = ReadTable(space);
        var source = new TableAccuracy(table, Column);
        return (source, $"accuracy: {source.Count} architectures from {path} ({Column})");
    }

    /// <summary>The predictor if one is given, else the table (<see cref="Load"/>).</summary>
    public (IAccuracySource Source, string Note) LoadSource(ISearchSpace space)
    {
        if (PredictorPath is null) return Load(space);
        LatencyInput.RequireFile(PredictorPath, "accuracy-predictor");
        var mlp = MlpFile.Load(PredictorPath, space);
        return (mlp, $"accuracy: PREDICTED by {mlp.Name} ({PredictorPath})");
    }

    /// <summary>The accuracy table with <see cref="Column"/>; one line naming <paramref name="alternative"/> where there is none.</summary>
    public (WideTable Table, string Path) ReadTable(ISearchSpace space, string alternative = Alternative)
    {
        var path = TablePath(space, alternative);
        string? header;
        using (var reader = new StreamReader(path)) header = reader.ReadLine();
        var names = (header ?? "").Split(',').Select(h => h.Trim().Trim('"')).Where(h => h.Length > 0).ToArray();
        if (names.Length > 0 && names.All(h => h is WideTableReader.ArchColumn or "index"))
            throw new InvalidOptionException("accuracy", $"{path} lists architectures but has no accuracy column ({space.Name}'s dataset publishes none): {alternative}");
        var table = WideTableReader.Read(path, ValueKind.AccuracyPercent, space);
        RequireColumn(table, path, space, alternative);
        return (table, path);
    }

    /// <summary>The table's path: --accuracy, or the dataset's architectures.csv if it exists.</summary>
    public string TablePath(ISearchSpace space, string alternative = Alternative)
    {
        if (Path is not null)
        {
            LatencyInput.RequireFile(Path, "accuracy");
            return Path;
        }
        var path = System.IO.Path.Combine(DatasetLocator.Root, space.Name, "architectures.csv");
        if (!File.Exists(path))
            throw new InvalidOptionException("accuracy", $"no accuracy table for {space.Name} ({path} not found): {alternative}");
        return path;
    }

    /// <summary>A table without the column: one line saying so, and (for tables with no accuracies at all) what to use instead.</summary>
    public void RequireColumn(WideTable table, string path, ISearchSpace space, string alternative = Alternative)
    {
        if (table.HasColumn(Column)) return;
        if (table.ColumnNames.Count == 0)
            throw new InvalidOptionException("accuracy", $"{path} has architectures but no accuracy column ({space.Name}'s dataset publishes none): {alternative}");
        throw new InvalidOptionException("accuracy-column", $"{path} has no column '{OneProxyException.Quote(Column, 60)}' (columns: {string.Join(", ", table.ColumnNames)})");
    }

    /// <summary>What to do when a space has no accuracy table.</summary>
    public const string Alternative = "give --accuracy-predictor MLP.json (train one with fit-accuracy --accuracy PAIRS.csv, a CSV of arch and accuracy) or --accuracy PAIRS.csv";

    /// <summary>What fit-accuracy needs when a space has no accuracy table.</summary>
    public const string PairsAlternative = "give --accuracy PAIRS.csv (arch and accuracy of networks you trained) to fit a predictor on";
}

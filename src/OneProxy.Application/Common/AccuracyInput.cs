using OneProxy.Accuracy;
using OneProxy.Data;
using OneProxy.SearchSpaces;

namespace OneProxy.Application;

/// <summary>An accuracy table (default: the dataset's architectures.csv) and the column to optimise.</summary>
public sealed record AccuracyInput(string? Path = null, string Column = "cifar10_test_acc")
{
    public (TableAccuracy Source, string Note) Load(ISearchSpace space)
    {
        if (Path is not null) LatencyInput.RequireFile(Path, "accuracy");
        var path = Path ?? DatasetLocator.File(space.Name, "architectures.csv");
        var table = WideTableReader.Read(path, ValueKind.AccuracyPercent, space);
        if (!table.HasColumn(Column))
            throw new InvalidOptionException("accuracy-column", $"{path} has no column '{OneProxyException.Quote(Column, 60)}' (columns: {string.Join(", ", table.ColumnNames)})");
        var source = new TableAccuracy(table, Column);
        return (source, $"accuracy: {source.Count} architectures from {path} ({Column})");
    }
}

using OneProxy.Data;
using OneProxy.SearchSpaces;

namespace OneProxy.Accuracy;

/// <summary>Accuracy looked up from a table (NAS-Bench-201's published accuracies).</summary>
public sealed class TableAccuracy : IAccuracySource
{
    private readonly Dictionary<Architecture, double> _accuracy;

    public TableAccuracy(WideTable table, string column)
    {
        var archs = table.RequireArchitectures();
        var values = table.Column(column);
        _accuracy = new Dictionary<Architecture, double>(archs.Count);
        for (int i = 0; i < archs.Count; i++)
            if (!double.IsNaN(values[i])) _accuracy[archs[i]] = values[i];
        Name = $"{column} ({table.Source})";
    }

    public string Name { get; }

    public int Count => _accuracy.Count;

    public bool Contains(Architecture a) => _accuracy.ContainsKey(a);

    /// <summary>The architectures with an accuracy, in table order (what exhaustive search covers on a space too large to enumerate).</summary>
    public IReadOnlyCollection<Architecture> Architectures => _accuracy.Keys;

    public double[] PredictAll(IReadOnlyList<Architecture> architectures)
    {
        var result = new double[architectures.Count];
        for (int i = 0; i < result.Length; i++)
            result[i] = _accuracy.TryGetValue(architectures[i], out var v) ? v
                : throw new UnusableDataException($"no accuracy in {Name} for architecture {architectures[i]}");
        return result;
    }
}

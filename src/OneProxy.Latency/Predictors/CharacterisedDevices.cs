using OneProxy.Data;
using OneProxy.SearchSpaces;

namespace OneProxy.Predictors;

/// <summary>
/// Least-squares predictors of "characterised" devices: every measured row of a device's column
/// in a recorded latency table. This is how a proxy's predictor and a library are built from a
/// recording; the architectures are encoded once and shared by all devices of the table.
/// </summary>
public sealed class CharacterisedDevices
{
    private readonly WideTable _table;

    public CharacterisedDevices(ISearchSpace space, WideTable table)
    {
        Space = space;
        _table = table;
        All = new FeatureMatrix(space, table.RequireArchitectures());
    }

    public ISearchSpace Space { get; }

    /// <summary>Every architecture of the table, encoded.</summary>
    public FeatureMatrix All { get; }

    /// <summary>The least-squares predictor fitted on every measured row of <paramref name="device"/>.</summary>
    public LinearPredictor Predictor(string device)
    {
        var col = _table.Column(device);
        var rows = WideTable.MeasuredRows(col);
        var y = new double[rows.Length];
        for (int i = 0; i < rows.Length; i++) y[i] = col[rows[i]];
        return LinearPredictorFitter.Fit(All.SelectRows(rows), y, device);
    }

    /// <summary>Predictors of several devices, fitted in parallel, in the given order.</summary>
    public LinearPredictor[] Predictors(IEnumerable<string> devices) => devices.AsParallel().AsOrdered().Select(Predictor).ToArray();
}

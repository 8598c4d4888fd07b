using OneProxy.Accuracy;
using OneProxy.Predictors;
using OneProxy.SearchSpaces;

namespace OneProxy.Search;

/// <summary>
/// Objectives from predictors: any number of cost models (latency, energy, cycles: each an
/// <see cref="ILatencyModel"/> with its metric) plus accuracy, scored in one batched pass over
/// the encoded population.
/// </summary>
public sealed class PredictorObjectives : IObjectiveEvaluator
{
    private readonly IReadOnlyList<(Metric Metric, ILatencyModel Model)> _costs;
    private readonly IAccuracySource _accuracy;

    public PredictorObjectives(ISearchSpace space, IReadOnlyList<(Metric Metric, ILatencyModel Model)> costs, IAccuracySource accuracy)
    {
        if (costs.Count == 0) throw new ArgumentException("at least one cost model is needed");
        Space = space;
        _costs = costs;
        _accuracy = accuracy;
        Metrics = [.. costs.Select(c => c.Metric), Metric.AccuracyPercent];
    }

    public ISearchSpace Space { get; }
    public IReadOnlyList<Metric> Metrics { get; }

    public double[][] Evaluate(IReadOnlyList<Architecture> batch, CancellationToken cancellationToken = default)
    {
        var x = new FeatureMatrix(Space, batch);
        var columns = _costs.Select(c => c.Model.PredictAll(x)).Append(_accuracy.PredictAll(batch)).ToArray();
        var rows = new double[batch.Count][];
        for (int i = 0; i < rows.Length; i++)
        {
            rows[i] = new double[columns.Length];
            for (int j = 0; j < columns.Length; j++)
            {
                var v = columns[j][i];
                if (!double.IsFinite(v))
                    throw new UnusableDataException($"{Metrics[j].Name} of {Space.Format(batch[i])} is {v} ({(j < _costs.Count ? _costs[j].Model.Name : _accuracy.Name)})");
                rows[i][j] = v;
            }
        }
        return rows;
    }
}

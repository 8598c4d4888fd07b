using OneProxy.Adaptation;
using OneProxy.Reports;

namespace OneProxy.Application.Transfer;

/// <summary>The transferred set (latencies measured on the target) as a table, or as JSON with what was spent and decided.</summary>
public static class TransferOutput
{
    public static OutputTable Table(TransferReport r) => FrontTable.Create(r.Space, r.Result.Front, FrontTable.MeasuredLatency, AccuracyColumn(r));

    /// <summary>measured_accuracy (a table of trained networks) or predicted_accuracy (an MLP).</summary>
    public static string AccuracyColumn(TransferReport r) => r.AccuracyPredicted ? FrontTable.PredictedAccuracy : FrontTable.MeasuredAccuracy;

    public static string Json(TransferReport r) => JsonOutput.Write(new
    {
        Space = r.Space.Name,
        r.Proxy,
        r.Target,
        r.Result.SampleSrcc,
        r.Result.Adapted,
        Method = r.Result.Method is { } m ? ProxyAdapter.MethodName(m) : null,
        r.Result.EstimatedSrccAfter,
        r.Result.SampleMeasurements,
        r.Result.PruningMeasurements,
        r.Result.TargetMeasurements,
        r.HvRatio,
        r.HvRatioProxyOnly,
        OracleFrontSize = r.Oracle.Count,
        AccuracyKind = r.AccuracyPredicted ? "predicted" : "measured",
        Front = r.Result.Front.OrderBy(c => c.LatencyMs).Select(c => new { Arch = r.Space.Format(c.Architecture), MeasuredLatencyMs = c.LatencyMs, Accuracy = c.AccuracyPercent }),
    });
}

using System.Globalization;
using System.Text;

namespace OneProxy.Aquaman.Evaluation;

/// <summary>Input of <c>aquaman offline</c>: the environment and targets; the log comes from the uniformly random policy.</summary>
public sealed record OfflineRequest(SimulationOptions Options);

/// <summary>One target on one seed: its online average QoE (simulated) and the three offline estimates from the uniform log.</summary>
public sealed record OfflineRow(string Policy, int Seed, double Online, OfflineEstimate Estimate);

/// <summary>
/// Logs a uniformly random policy's decisions (with propensities) on each seed, then estimates every target policy's
/// average QoE from that log alone (replay, IPS, SNIPS) and puts the estimates beside the policy's simulated online
/// average QoE on the same seed, so the estimators can be checked. The online runs use no delay (replay has none).
/// </summary>
public static class OfflineUseCase
{
    public static IReadOnlyList<OfflineRow> Execute(OfflineRequest request, CancellationToken cancellationToken = default)
    {
        var o = request.Options.Validated() with { MaxDelay = 1 };
        var rows = new List<OfflineRow>();
        for (int seed = o.FirstSeed; seed < o.FirstSeed + o.Seeds; seed++)
        {
            var env = Factories.Environment(o, seed);
            var log = Simulator.Run(env, Factories.Policy(PolicyKind.Random, env, o, seed), o with { KeepDecisions = true }, seed, cancellationToken).Decisions!;
            foreach (var kind in o.Policies)
            {
                var online = Simulator.Run(env, Factories.Policy(kind, env, o, seed), o, seed, cancellationToken).AverageQoe;
                var estimate = OfflineEvaluator.Evaluate(env, log, Factories.Policy(kind, env, o, seed), cancellationToken);
                rows.Add(new OfflineRow(Factories.Name(kind), seed, online, estimate));
            }
        }
        return rows;
    }

    public static string Csv(IReadOnlyList<OfflineRow> rows)
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder("policy,seed,online_avg_qoe,replay,ips,snips,logged_events,matched\n");
        foreach (var r in rows)
            sb.Append(inv, $"{r.Policy},{r.Seed},{r.Online:0.00000},{r.Estimate.Replay:0.00000},{r.Estimate.Ips:0.00000},{r.Estimate.Snips:0.00000},{r.Estimate.Events},{r.Estimate.Matched}\n");
        return sb.ToString();
    }
}

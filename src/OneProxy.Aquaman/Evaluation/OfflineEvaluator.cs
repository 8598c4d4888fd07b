using OneProxy.Aquaman.Environments;
using OneProxy.Aquaman.Policies;

namespace OneProxy.Aquaman.Evaluation;

/// <summary>Offline estimates of a policy's average QoE from a log of someone else's decisions.</summary>
public sealed record OfflineEstimate(string Policy, int Events, int Matched, double Replay, double Ips, double Snips);

/// <summary>
/// Evaluates a (possibly learning) policy on logged decisions the way Vowpal Wabbit and Open Bandit Pipeline users do:
/// walk the log in order, ask the target for its choice on the logged device, and when it equals the logged model
/// count the logged QoE and give it to the target as feedback (it learns only from what it would have seen).
/// Replay (Li et al., 2011) averages the QoE over matches and is unbiased on uniformly explored logs; IPS weights each
/// match by 1 / logged propensity, (1/n) Σ 1[match] r / p; self-normalised IPS divides by Σ 1[match] / p instead of n.
/// Logged decisions whose feedback was lost are skipped (no reward to count).
/// </summary>
public static class OfflineEvaluator
{
    public static OfflineEstimate Evaluate(QoeEnvironment env, IReadOnlyList<LoggedDecision> log, ISimulationPolicy target, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(env);
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(target);
        var feasible = Enumerable.Range(0, env.Devices.Count).Select(env.FeasibleArms).ToArray();
        int events = 0, matched = 0;
        double rewardSum = 0, ipsSum = 0, weightSum = 0;
        int step = 0;
        foreach (var e in log)
        {
            if ((++step & 1023) == 0) cancellationToken.ThrowIfCancellationRequested();
            if (!e.FeedbackArrives) continue;
            if (!(e.Propensity > 0 && e.Propensity <= 1)) throw new ArgumentException($"logged decision of round {e.Round} has propensity {e.Propensity}; IPS needs (0, 1]");
            events++;
            var choice = target.Choose(events, e.Device, feasible[e.Device]);
            if (choice.Arm != e.Arm) continue;
            matched++;
            rewardSum += e.Qoe;
            ipsSum += e.Qoe / e.Propensity;
            weightSum += 1 / e.Propensity;
            target.Feedback(events, events, e.Device, e.Arm, e.Qoe);
        }
        return new OfflineEstimate(target.Name, events, matched,
            matched > 0 ? rewardSum / matched : double.NaN, events > 0 ? ipsSum / events : double.NaN, weightSum > 0 ? ipsSum / weightSum : double.NaN);
    }
}

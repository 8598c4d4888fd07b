using System.Diagnostics;
using OneProxy.Aquaman.Environments;
using OneProxy.Aquaman.Policies;

namespace OneProxy.Aquaman.Evaluation;

/// <summary>
/// Plays a policy against an environment for T rounds with delayed feedback (thesis Sec. 2.1): each round the
/// feedback due then is delivered first, then a device type arrives uniformly at random, the policy picks a feasible
/// model, a noisy QoE is drawn, and it is scheduled to arrive d ~ U{1..MaxDelay} rounds later (or lost with
/// probability MissingRate). Devices, delays, losses and QoE noise come from named streams of the seed, so every
/// policy of a seed meets the same devices and delays.
/// </summary>
public static class Simulator
{
    public static RunResult Run(QoeEnvironment env, ISimulationPolicy policy, SimulationOptions options, int seed, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(env);
        ArgumentNullException.ThrowIfNull(policy);
        options = options.Validated();
        int T = options.Rounds, D = env.Devices.Count, K = env.Models.Count;
        var deviceRng = SeedStream.Random(seed, "devices");
        var delayRng = SeedStream.Random(seed, "delays");
        var lossRng = SeedStream.Random(seed, "losses");
        var rewardRng = SeedStream.Random(seed, "rewards");

        var feasible = Enumerable.Range(0, D).Select(env.FeasibleArms).ToArray();
        var oracle = Enumerable.Range(0, D).Select(env.OracleArm).ToArray();
        var top3 = Enumerable.Range(0, D).Select(d => feasible[d].OrderByDescending(m => env.Devices[d].ExpectedQoe[m]).Take(3).ToHashSet()).ToArray();
        var due = new List<(int Decision, int Device, int Arm, double Qoe)>?[T];

        int points = Math.Min(options.CurvePoints, T);
        var curveRounds = Enumerable.Range(1, points).Select(i => (int)Math.Round((double)i * T / points)).ToArray();
        var avgCurve = new double[points];
        var regretCurve = new double[points];
        var histogram = new long[100];
        var selections = new long[K];
        var oracleSelections = new long[K];
        var decisionTicks = new long[T];
        var decisions = options.KeepDecisions ? new List<LoggedDecision>(T) : null;
        double qoeSum = 0, oracleSum = 0, regret = 0;
        long hits = 0;
        int nextPoint = 0;
        var watch = Stopwatch.StartNew();
        for (int t = 0; t < T; t++)
        {
            if ((t & 1023) == 0) cancellationToken.ThrowIfCancellationRequested();
            if (due[t] is { } arrivals)
            {
                foreach (var a in arrivals) policy.Feedback(t, a.Decision, a.Device, a.Arm, a.Qoe);
                due[t] = null;
            }
            int device = deviceRng.Next(D);
            long start = Stopwatch.GetTimestamp();
            var choice = policy.Choose(t, device, feasible[device]);
            decisionTicks[t] = Stopwatch.GetTimestamp() - start;
            int arm = choice.Arm;
            if (!env.Devices[device].Feasible[arm]) throw new InvalidOperationException($"{policy.Name} chose infeasible model {env.Models[arm].Name} for {env.Devices[device].Name}");
            double qoe = env.DrawQoe(device, arm, rewardRng);
            int delay = 1 + delayRng.Next(options.MaxDelay);
            bool arrives = lossRng.NextDouble() >= options.MissingRate;
            if (arrives && t + delay < T) (due[t + delay] ??= new()).Add((t, device, arm, qoe));
            decisions?.Add(new LoggedDecision(t, device, arm, choice.Propensity, qoe, arrives));

            var expected = env.Devices[device].ExpectedQoe;
            qoeSum += qoe;
            oracleSum += expected[oracle[device]];
            regret += expected[oracle[device]] - expected[arm];
            if (top3[device].Contains(arm)) hits++;
            selections[arm]++;
            oracleSelections[oracle[device]]++;
            histogram[Math.Min(99, (int)(qoe * 100))]++;
            if (nextPoint < points && t + 1 == curveRounds[nextPoint])
            {
                avgCurve[nextPoint] = qoeSum / (t + 1);
                regretCurve[nextPoint] = regret;
                nextPoint++;
            }
        }
        watch.Stop();
        Array.Sort(decisionTicks);
        double us = 1e6 / Stopwatch.Frequency;
        return new RunResult
        {
            Policy = policy.Name, Seed = seed, Rounds = T,
            AverageQoe = qoeSum / T, OracleExpectedQoe = oracleSum / T, Regret = regret, Top3HitRatio = (double)hits / T,
            CurveRounds = curveRounds, AverageQoeCurve = avgCurve, RegretCurve = regretCurve, QoeHistogram = histogram,
            Selections = selections, OracleSelections = oracleSelections, TrainingLosses = policy.TrainingLosses.ToArray(),
            Seconds = watch.Elapsed.TotalSeconds,
            DecisionP50Microseconds = decisionTicks[T / 2] * us,
            DecisionP99Microseconds = decisionTicks[Math.Min(T - 1, (int)(0.99 * T))] * us,
            DecisionMeanMicroseconds = decisionTicks.Average() * us,
            Decisions = decisions,
        };
    }
}

using OneProxy.Aquaman.Environments;
using OneProxy.Aquaman.Service;

namespace OneProxy.Aquaman.Tests;

/// <summary>The hosted aquaman-nlaug (the service's default bandit): validation, exact restart, and that it learns as its simulation does.</summary>
public class HostedNeuralLinUcbTests
{
    private static readonly double[] Tablet = [2.0, 8, 4, 1866, 7040];

    private static AquamanPolicy Trained(int feedbacks) => AquamanPolicyTests.Trained(feedbacks, HostedExploration.NeuralLinUcbAugmented);

    [Fact]
    public void Bad_requests_are_refused_and_change_nothing()
    {
        var policy = Trained(200); // past the uniform start and several retrainings: the ridge head is in play
        var open = policy.Select(new SelectRequest("tab", Tablet, ["I3Q", "M2Q"]));
        var before = policy.ToJson();
        void Refused(Action a, string fragment)
        {
            var e = Assert.Throws<AquamanInputException>(a);
            Assert.Contains(fragment, e.Message);
            Assert.Equal(before, policy.ToJson());
        }
        Refused(() => policy.Feedback(new FeedbackRequest(open.DecisionId, 1.5)), "outside [0, 1]");
        Refused(() => policy.Feedback(new FeedbackRequest(open.DecisionId, double.NaN)), "outside [0, 1]");
        Refused(() => policy.Feedback(new FeedbackRequest(open.DecisionId, 0.5, Model: "ResNet9000")), "unknown model 'ResNet9000'");
        Refused(() => policy.Feedback(new FeedbackRequest(999_999, 0.5)), "never made");
        Refused(() => policy.Feedback(new FeedbackRequest(0, 0.5)), "already has its feedback");
        Refused(() => policy.Select(new SelectRequest("tab", [2.0, double.NaN, 4, 1866, 7040])), "cores");
        Refused(() => policy.Select(new SelectRequest("tab", Tablet, ["I3Q", "Nope"])), "unknown model 'Nope'");
        policy.Feedback(new FeedbackRequest(open.DecisionId, 0.5, open.Model, "tab"));
        before = policy.ToJson();
        Refused(() => policy.Feedback(new FeedbackRequest(open.DecisionId, 0.5)), "already has its feedback");
    }

    [Fact]
    public void Saved_state_continues_bit_for_bit_through_retrainings()
    {
        var a = Trained(170);
        var pending = a.Select(new SelectRequest("tab", Tablet));
        var json = a.ToJson();
        Assert.Contains("\"RidgeRows\"", json);
        var b = AquamanPolicy.FromJson(json);
        Assert.Equal(HostedExploration.NeuralLinUcbAugmented, b.Exploration);
        a.Feedback(new FeedbackRequest(pending.DecisionId, 0.8));
        b.Feedback(new FeedbackRequest(pending.DecisionId, 0.8));
        for (int i = 0; i < 200; i++) // 10 retrainings at RetrainEvery 20: the ridge head is rebuilt on both sides
        {
            var device = ThesisData.Devices[i % 4];
            var ra = a.Select(new SelectRequest("x", device));
            var rb = b.Select(new SelectRequest("x", device));
            Assert.Equal(ra, rb);
            a.Feedback(new FeedbackRequest(ra.DecisionId, 0.1 * (i % 10)));
            b.Feedback(new FeedbackRequest(rb.DecisionId, 0.1 * (i % 10)));
        }
        Assert.Equal(a.ToJson(), b.ToJson());
    }

    [Fact]
    public void A_version_one_state_loads_as_the_thesis_policy()
    {
        var thesis = AquamanPolicy.Create(ModelCatalog.ForThesisModels(), seed: 1);
        var json = thesis.ToJson().Replace("\"Version\":2", "\"Version\":1", StringComparison.Ordinal);
        Assert.Equal(HostedExploration.Thesis, AquamanPolicy.FromJson(json).Exploration);
        var nl = AquamanPolicy.Create(ModelCatalog.ForThesisModels(), seed: 1, exploration: HostedExploration.NeuralLinUcbAugmented);
        var broken = nl.ToJson().Replace("\"Ridge\":\"", "\"Ridge\":\"AAAA", StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => AquamanPolicy.FromJson(broken));
    }

    /// <summary>
    /// The thesis protocol (SYNTHETIC user study) driven through Select/Feedback, delays uniform on 1..500 as in
    /// `aquaman simulate --env thesis --max-delay 500`: after 6,000 rounds the last 2,000 decisions earn at least
    /// 0.97 of Oracle's expected QoE (the simulated aquaman-nlaug reaches 0.998 over 20,000 rounds, docs/aquaman.md).
    /// </summary>
    [Fact]
    public void Hosted_policy_learns_the_thesis_protocol_under_delayed_feedback()
    {
        var env = new ThesisEnvironment(); // the simulation's thesis world: 4 device types x 5 models (NASNet-Large left out)
        var policy = AquamanPolicy.Create(ModelCatalog.From(env), seed: 11, exploration: HostedExploration.NeuralLinUcbAugmented);
        var names = env.Models.Select(m => m.Name).ToList();
        var rng = new Random(5);
        var due = new PriorityQueue<(long Id, double Qoe), int>();
        double earned = 0, oracle = 0;
        const int rounds = 6000, tail = 2000;
        for (int t = 0; t < rounds; t++)
        {
            // as the simulator: feedback due now first, then a device type arrives uniformly at random
            while (due.TryPeek(out var f, out int when) && when <= t) { due.Dequeue(); policy.Feedback(new FeedbackRequest(f.Id, f.Qoe)); }
            int d = rng.Next(env.Devices.Count);
            var feasible = env.FeasibleArms(d);
            var r = policy.Select(new SelectRequest($"dev{d}", env.Devices[d].Features, feasible.Select(m => names[m]).ToArray()));
            int arm = names.IndexOf(r.Model);
            Assert.Contains(arm, feasible);
            due.Enqueue((r.DecisionId, env.DrawQoe(d, arm, rng)), t + 1 + rng.Next(500));
            if (t >= rounds - tail)
            {
                earned += env.Devices[d].ExpectedQoe[arm];
                oracle += env.Devices[d].ExpectedQoe[env.OracleArm(d)];
            }
        }
        Assert.True(earned / oracle >= 0.97, $"last {tail} decisions earned {earned / oracle:0.0000} of Oracle's expected QoE");
    }
}

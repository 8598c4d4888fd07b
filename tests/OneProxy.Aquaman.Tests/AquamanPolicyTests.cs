using OneProxy.Aquaman.Environments;
using OneProxy.Aquaman.Service;

namespace OneProxy.Aquaman.Tests;

public class AquamanPolicyTests
{
    private static readonly double[] Tablet = [2.0, 8, 4, 1866, 7040];

    /// <summary>A small hosted policy after <paramref name="feedbacks"/> rounds of the thesis world (shared with <see cref="HostedNeuralLinUcbTests"/>).</summary>
    internal static AquamanPolicy Trained(int feedbacks, HostedExploration exploration = HostedExploration.Thesis)
    {
        var policy = AquamanPolicy.Create(ModelCatalog.ForThesisModels(), new Policies.NeuralBanditOptions { RetrainEvery = 20, Epochs = 20, HiddenWidth = 8 }, seed: 3, exploration: exploration);
        var env = new ThesisEnvironment(includeNasnet: true);
        var rng = new Random(2);
        for (int i = 0; i < feedbacks; i++)
        {
            int d = rng.Next(4);
            var r = policy.Select(new SelectRequest($"dev{d}", ThesisData.Devices[d]));
            int arm = Array.IndexOf(ThesisData.ModelNames, r.Model);
            policy.Feedback(new FeedbackRequest(r.DecisionId, env.DrawQoe(d, arm, rng), r.Model, $"dev{d}"));
        }
        return policy;
    }

    [Fact]
    public void Bad_requests_are_refused_and_change_nothing()
    {
        var policy = Trained(30);
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
        Refused(() => policy.Feedback(new FeedbackRequest(open.DecisionId, 0.5, Model: open.Model == "I3Q" ? "M2Q" : "I3Q")), "but the decision served");
        Refused(() => policy.Feedback(new FeedbackRequest(open.DecisionId, 0.5, DeviceId: "phone")), "device 'phone'");
        Refused(() => policy.Feedback(new FeedbackRequest(999_999, 0.5)), "never made");
        Refused(() => policy.Feedback(new FeedbackRequest(0, 0.5)), "already has its feedback");
        Refused(() => policy.Select(new SelectRequest("tab", [2.0, double.NaN, 4, 1866, 7040])), "cores");
        Refused(() => policy.Select(new SelectRequest("tab", [2.0, 8, 4])), "3 device features, expected 5");
        Refused(() => policy.Select(new SelectRequest("tab", Tablet, ["I3Q", "Nope"])), "unknown model 'Nope'");
        Refused(() => policy.Select(new SelectRequest("tab", Tablet, ["I3Q", "I3Q"])), "listed twice");
        Refused(() => policy.Select(new SelectRequest("tab", Tablet, [])), "empty");
        Refused(() => policy.Select(new SelectRequest("", Tablet)), "device id is empty");

        Refused(() => policy.Feedback(new FeedbackRequest(open.DecisionId, -0.01)), "outside [0, 1]");
        Refused(() => policy.Feedback(new FeedbackRequest(open.DecisionId, double.PositiveInfinity)), "outside [0, 1]");
        Refused(() => policy.Feedback(new FeedbackRequest(-1, 0.5)), "never made");
        Refused(() => policy.Select(new SelectRequest("tab", [2.0, 8, double.PositiveInfinity, 1866, 7040])), "ram_gb");

        policy.Feedback(new FeedbackRequest(open.DecisionId, 0.5, open.Model, "tab"));
        before = policy.ToJson();
        Refused(() => policy.Feedback(new FeedbackRequest(open.DecisionId, 0.5)), "already has its feedback"); // given twice
    }

    [Fact]
    public void A_catalog_model_with_a_nan_feature_is_refused()
    {
        var good = ModelCatalog.ForThesisModels();
        var features = (double[])good.Models[0].Features.Clone();
        features[1] = double.NaN;
        var bad = good with { Models = [new CatalogModel("broken", features), .. good.Models.Skip(1)] };
        var e = Assert.Throws<ArgumentException>(() => AquamanPolicy.Create(bad));
        Assert.Contains("broken", e.Message);
        Assert.Contains("NaN", e.Message);
    }

    [Fact]
    public void Saved_state_continues_exactly_after_a_restart()
    {
        var a = Trained(45);
        var pending = a.Select(new SelectRequest("tab", Tablet));
        var b = AquamanPolicy.FromJson(a.ToJson());
        Assert.Equal(a.FeedbackCount, b.FeedbackCount);
        Assert.Equal(1, b.PendingCount);
        Assert.Equal(a.TrainingRounds, b.TrainingRounds);
        // the open decision can be answered on the restored policy, and both then decide identically
        a.Feedback(new FeedbackRequest(pending.DecisionId, 0.8));
        b.Feedback(new FeedbackRequest(pending.DecisionId, 0.8));
        for (int i = 0; i < 30; i++)
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
    public void Starts_uniform_then_prefers_what_earned_high_qoe()
    {
        var policy = AquamanPolicy.Create(ModelCatalog.ForThesisModels(), new Policies.NeuralBanditOptions(), seed: 1);
        var first = policy.Select(new SelectRequest("tab", Tablet));
        Assert.Equal(1.0 / 6, first.Propensity, 12); // uniform until the first feedback (Alg. 3)
        policy.Feedback(new FeedbackRequest(first.DecisionId, 0.5));
        for (int i = 0; i < 200; i++)
        {
            var r = policy.Select(new SelectRequest("tab", Tablet));
            policy.Feedback(new FeedbackRequest(r.DecisionId, r.Model == "M1Q" ? 0.9 : 0.2));
        }
        var picks = Enumerable.Range(0, 20).Select(_ =>
        {
            var r = policy.Select(new SelectRequest("tab", Tablet));
            policy.Feedback(new FeedbackRequest(r.DecisionId, r.Model == "M1Q" ? 0.9 : 0.2));
            return r.Model;
        }).ToArray();
        Assert.True(picks.Count(m => m == "M1Q") >= 15, string.Join(",", picks));
    }

    [Fact]
    public void Oldest_open_decision_is_dropped_beyond_max_pending()
    {
        var policy = AquamanPolicy.Create(ModelCatalog.ForThesisModels(), new Policies.NeuralBanditOptions { HiddenWidth = 8 }, maxPending: 3);
        var ids = Enumerable.Range(0, 5).Select(_ => policy.Select(new SelectRequest("tab", Tablet)).DecisionId).ToArray();
        Assert.Equal(3, policy.PendingCount);
        Assert.Throws<AquamanInputException>(() => policy.Feedback(new FeedbackRequest(ids[0], 0.5)));
        policy.Feedback(new FeedbackRequest(ids[4], 0.5));
        Assert.Equal(2, policy.PendingCount);
    }
}

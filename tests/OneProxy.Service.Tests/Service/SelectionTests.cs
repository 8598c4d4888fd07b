using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OneProxy.Aquaman.Service;

namespace OneProxy.Service.Tests.Service;

/// <summary>The Aquaman bandit behind select/feedback keeps its state in the store: a restart between a decision and its feedback loses nothing.</summary>
[Collection("nasbench")]
public sealed class SelectionTests(NasBenchContext nb)
{
    [SkippableTheory]
    [InlineData(HostedExploration.NeuralLinUcbAugmented)] // serve's default, aquaman-nlaug
    [InlineData(HostedExploration.Thesis)]                // --selection-policy aquaman
    public async Task Feedback_after_a_restart_reaches_the_decision_once(HostedExploration policy)
    {
        string store = Repo.TempPath($"select-{policy}.db");
        var catalog = ModelCatalog.ForThesisModels();
        // Features in each spec's range (its midpoint): a valid phone.
        var features = catalog.DeviceFeatures.Select(f => f.LogScale ? Math.Sqrt(f.Min * f.Max) : (f.Min + f.Max) / 2).ToArray();
        long decision;
        string model;
        await using (var first = await nb.Start(store, o => o with { Pipelines = 1, SelectionPolicy = policy }))
        {
            using var admin = NasBenchContext.Client(first);
            using var bad = await admin.PostAsJsonAsync("api/v1/select", new { device_id = "phone-1", features = features.Take(2).ToArray() });
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            using var r = await admin.PostAsJsonAsync("api/v1/select", new { device_id = "phone-1", features });
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            var body = await r.Content.ReadFromJsonAsync<JsonElement>();
            decision = body.GetProperty("decision_id").GetInt64();
            model = body.GetProperty("model").GetString()!;
            Assert.Contains(model, catalog.Models.Select(m => m.Name));
        }
        await using var second = await nb.Start(store, o => o with { Pipelines = 1, SelectionPolicy = policy });
        using var admin2 = NasBenchContext.Client(second);
        using (var ok = await admin2.PostAsJsonAsync("api/v1/feedback", new { decision_id = decision, qoe = 0.8, model }))
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            Assert.Equal(1, (await ok.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("feedback_count").GetInt64());
        }
        Assert.Equal(HttpStatusCode.Conflict, (await admin2.PostAsJsonAsync("api/v1/feedback", new { decision_id = decision, qoe = 0.8 })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin2.PostAsJsonAsync("api/v1/feedback", new { decision_id = 999_999, qoe = 0.5 })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin2.PostAsJsonAsync("api/v1/feedback", new { decision_id = decision, qoe = 1.5 })).StatusCode);
        var series = await second.Store.FeedbackSeriesAsync(CancellationToken.None);
        Assert.Equal(0.8, Assert.Single(series).Qoe);
        // the state is stored under the policy's own name: the other policy would start fresh, never read this one
        Assert.Equal(PolicyNames.Of(policy), new OneProxy.Service.Selection.PolicyHost(second.Store, catalog, 0, policy).Name);
    }
}

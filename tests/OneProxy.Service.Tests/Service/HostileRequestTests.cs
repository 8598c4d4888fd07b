using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using OneProxy.Service.Api;

namespace OneProxy.Service.Tests.Service;

/// <summary>Requests an attacker or a broken client sends: each is refused with the right status and names the field; nothing is stored.</summary>
[Collection("nasbench")]
public sealed class HostileRequestTests(NasBenchContext nb)
{
    private static StringContent Json(string s) => new(s, Encoding.UTF8, "application/json");

    private static async Task<string> FieldOf(HttpResponseMessage r) =>
        (await r.Content.ReadFromJsonAsync<ApiError>(ApiJson.Options))!.Field;

    [SkippableFact]
    public async Task Bad_registrations_are_refused_with_the_field_named_and_nothing_stored()
    {
        await using var svc = await nb.Start(tweak: o => o with { Pipelines = 1, MaxBodyBytes = 4096 });
        using var admin = NasBenchContext.Client(svc);
        var cases = new (string Body, HttpStatusCode Status, string Field)[]
        {
            ("{\"name\":\"x'; DROP TABLE devices;--\",\"space\":\"nasbench201\"}", HttpStatusCode.BadRequest, "name"),
            ("{\"name\":\"$(rm -rf /)\",\"space\":\"nasbench201\"}", HttpStatusCode.BadRequest, "name"),
            ("{\"name\":\"../../etc/passwd\",\"space\":\"nasbench201\"}", HttpStatusCode.BadRequest, "name"),
            ("{\"name\":\"ok-name\",\"space\":\"../../etc\"}", HttpStatusCode.BadRequest, "space"),
            ("{\"name\":\"ok-name\",\"space\":\"nasbench201\",\"budget\":5}", HttpStatusCode.BadRequest, "budget"),
            ("{\"name\":\"ok-name\",\"space\":\"nasbench201\",\"threads\":-1}", HttpStatusCode.BadRequest, "threads"),
            ("{\"name\":\"ok-name\",\"space\":\"nasbench201\",\"budget\":\"fifty\"}", HttpStatusCode.BadRequest, "budget"),
            ("{\"name\":\"ok-name\",\"space\":\"nasbench201\",\"admin\":true}", HttpStatusCode.BadRequest, "admin"),
            ("{\"name\":\"ok-name\",\"space\":\"nasbench201\",\"features\":{\"soc\":{\"nested\":1}}}", HttpStatusCode.BadRequest, "features.soc"),
            ("{\"name\":\"ok-name\",\"space\":\"nasbench201\",\"features\":{\"a b\":1}}", HttpStatusCode.BadRequest, "features.a b"),
            ("{\"space\":\"nasbench201\"}", HttpStatusCode.BadRequest, "name"),
            ("{\"name\":\"ok-name\",\"space\":", HttpStatusCode.BadRequest, "space"),
            ("[1,2,3]", HttpStatusCode.BadRequest, "body"),
            ("null", HttpStatusCode.BadRequest, "body"),
            ("{\"name\":\"big\",\"space\":\"nasbench201\",\"features\":{\"pad\":\"" + new string('x', 8000) + "\"}}", HttpStatusCode.RequestEntityTooLarge, "body"),
        };
        foreach (var (body, status, field) in cases)
        {
            using var r = await admin.PostAsync("api/v1/devices", Json(body));
            Assert.True(status == r.StatusCode, $"{body[..Math.Min(60, body.Length)]}: HTTP {(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}");
            Assert.Equal(field, await FieldOf(r));
        }
        using (var r = await admin.PostAsync("api/v1/devices", new StringContent("{\"name\":\"ok\",\"space\":\"nasbench201\"}", Encoding.UTF8, "text/plain")))
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, r.StatusCode);
        var counts = await svc.Store.CountsAsync(CancellationToken.None);
        Assert.Equal((0L, 0L), (counts.Devices, counts.Jobs));
    }

    [SkippableFact]
    public async Task Keys_are_checked_and_an_agent_cannot_touch_another_devices_jobs()
    {
        await using var svc = await nb.Start(tweak: o => o with { Pipelines = 4 });
        using var admin = NasBenchContext.Client(svc);
        var keyA = await NasBenchContext.Register(admin, "dev-a");
        var keyB = await NasBenchContext.Register(admin, "dev-b");
        using var anon = NasBenchContext.Client(svc, key: null);
        using var wrong = NasBenchContext.Client(svc, key: "not-a-key-at-all-0000");
        using var agentA = NasBenchContext.Client(svc, keyA);
        using var agentB = NasBenchContext.Client(svc, keyB);
        var register = Json("{\"name\":\"evil\",\"space\":\"nasbench201\"}");
        Assert.Equal(HttpStatusCode.Unauthorized, (await anon.PostAsync("api/v1/devices", register)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.PostAsync("api/v1/devices", register)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await agentA.PostAsync("api/v1/devices", register)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await agentA.DeleteAsync("api/v1/devices/dev-b")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await agentA.GetAsync("api/v1/devices/dev-b")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.PostAsync("api/v1/lease", Json("{\"max\":1}"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anon.GetAsync("dashboard")).StatusCode);

        // B's jobs appear once its pipeline queues the proxy sample; A's key never leases them.
        var leasedB = await LeaseSome(agentB);
        var a = await agentA.PostAsJsonAsync("api/v1/lease", new { max = 64 });
        var jobsA = (await a.Content.ReadFromJsonAsync<LeaseResponse>(ApiJson.Options))!.Jobs;
        Assert.All(jobsA, j => Assert.Equal("dev-a", j.Device));
        var stolen = leasedB[0];
        var post = new ResultRequest(stolen.LeaseToken, "steal-0001", 1.0);
        using (var r = await agentA.PostAsJsonAsync($"api/v1/jobs/{stolen.JobId}/result", post, ApiJson.Options))
        {
            Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);
            Assert.Equal("job_id", await FieldOf(r));
        }
        Assert.Equal(HttpStatusCode.Forbidden, (await agentA.PostAsJsonAsync($"api/v1/jobs/{stolen.JobId}/renew", new RenewRequest(stolen.LeaseToken), ApiJson.Options)).StatusCode);
        foreach (var bad in new[] { "{\"lease_token\":\"" + stolen.LeaseToken + "\",\"idempotency_key\":\"k-00000001\",\"median_ms\":-3}",
                                    "{\"lease_token\":\"" + stolen.LeaseToken + "\",\"idempotency_key\":\"k-00000001\",\"median_ms\":1e400}",
                                    "{\"lease_token\":\"" + stolen.LeaseToken + "\",\"idempotency_key\":\"k; rm -rf /\",\"median_ms\":1}" })
            Assert.Equal(HttpStatusCode.BadRequest, (await agentB.PostAsync($"api/v1/jobs/{stolen.JobId}/result", Json(bad))).StatusCode);
        Assert.Equal(0, (await svc.Store.CountsAsync(CancellationToken.None)).Results);

        // The rightful agent posts; a replay is recognised; a second key for the same job is a conflict.
        Assert.Equal(HttpStatusCode.Created, (await agentB.PostAsJsonAsync($"api/v1/jobs/{stolen.JobId}/result", post with { IdempotencyKey = "fair-0001" }, ApiJson.Options)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await agentB.PostAsJsonAsync($"api/v1/jobs/{stolen.JobId}/result", post with { IdempotencyKey = "fair-0001" }, ApiJson.Options)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await agentB.PostAsJsonAsync($"api/v1/jobs/{stolen.JobId}/result", post with { IdempotencyKey = "fair-0002" }, ApiJson.Options)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await agentB.PostAsJsonAsync("api/v1/jobs/999999/result", post, ApiJson.Options)).StatusCode);
        Assert.Equal(1, (await svc.Store.CountsAsync(CancellationToken.None)).Results);
    }

    [SkippableFact]
    public async Task A_late_result_after_the_lease_was_reissued_gets_409_and_is_not_stored()
    {
        await using var svc = await nb.Start(tweak: o => o with { Pipelines = 2 });
        using var admin = NasBenchContext.Client(svc);
        var key = await NasBenchContext.Register(admin, "slow-dev");
        using var agent = NasBenchContext.Client(svc, key);
        var first = (await LeaseSome(agent, leaseMs: 150))[0];
        await Task.Delay(400);
        JobDto? again = null;
        for (int i = 0; i < 20 && again is null; i++)
        {
            var r = await agent.PostAsJsonAsync("api/v1/lease", new { max = 64, lease_ms = 10_000 });
            again = (await r.Content.ReadFromJsonAsync<LeaseResponse>(ApiJson.Options))!.Jobs.FirstOrDefault(j => j.JobId == first.JobId);
        }
        Assert.NotNull(again);
        Assert.Equal(2, again!.Attempt);
        using (var late = await agent.PostAsJsonAsync($"api/v1/jobs/{first.JobId}/result", new ResultRequest(first.LeaseToken, "late-0001", 2.0), ApiJson.Options))
            Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        using (var fresh = await agent.PostAsJsonAsync($"api/v1/jobs/{first.JobId}/result", new ResultRequest(again.LeaseToken, "fresh-0001", 2.0), ApiJson.Options))
            Assert.Equal(HttpStatusCode.Created, fresh.StatusCode);
        var c = await svc.Store.CountsAsync(CancellationToken.None);
        Assert.Equal((1L, 1L), (c.Results, c.DistinctResults));
    }

    private static async Task<IReadOnlyList<JobDto>> LeaseSome(HttpClient agent, int leaseMs = 10_000)
    {
        for (int i = 0; i < 100; i++)
        {
            using var r = await agent.PostAsJsonAsync("api/v1/lease", new { max = 1, lease_ms = leaseMs });
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            var jobs = (await r.Content.ReadFromJsonAsync<LeaseResponse>(ApiJson.Options))!.Jobs;
            if (jobs.Count > 0) return jobs;
            await Task.Delay(50);
        }
        throw new TimeoutException("no job was queued within 5 s");
    }
}

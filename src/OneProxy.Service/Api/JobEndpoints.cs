using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OneProxy.Service.Onboarding;
using OneProxy.Storage;

namespace OneProxy.Service.Api;

/// <summary>
/// The agents' side: lease jobs of their devices, renew a lease while measuring, post a result
/// with an idempotency key. Posting: 201 stored, 200 the same key again (nothing stored twice),
/// 409 the job is done or was re-issued, 404 no such job, 403 another device's job.
/// </summary>
public static class JobEndpoints
{
    public static void Map(IEndpointRouteBuilder app, OnboardingStore store, ResultSignals signals, ServiceOptions options)
    {
        var g = app.MapGroup("/api/v1").WithTags("jobs");
        // A device's measuring setting never changes after registration, so a lease answer need not re-read it.
        var settings = new ConcurrentDictionary<string, DeviceRecord>(StringComparer.Ordinal);

        g.MapPost("/lease", async (HttpContext http) =>
        {
            var (grant, denied) = await Auth.RequireAsync(http, store, KeyRole.Agent);
            if (denied is not null) return denied;
            var (req, bad) = await ApiJson.ReadAsync<LeaseRequest>(http.Request, http.RequestAborted);
            if (bad is not null) return bad;
            int leaseMs = req!.LeaseMs ?? options.LeaseMs;
            if (Validation.Range(req.Max, 1, 64) is string m) return ApiJson.Error(400, "max", m);
            if (Validation.Range(leaseMs, 100, options.MaxLeaseMs) is string l) return ApiJson.Error(400, "lease_ms", l);
            string key = http.Request.Headers[Auth.Header].First()!;
            var jobs = await store.LeaseAsync(OnboardingStore.HashKey(key), $"{options.ReplicaId}/{http.Connection.RemoteIpAddress}", leaseMs, req.Max, http.RequestAborted);
            var dtos = new List<JobDto>(jobs.Count);
            foreach (var j in jobs)
            {
                if (!settings.TryGetValue(j.Device, out var d))
                {
                    d = await store.GetDeviceAsync(j.Device, http.RequestAborted);
                    if (d is null) continue; // deleted between lease and lookup: its jobs are gone too
                    settings[j.Device] = d;
                }
                dtos.Add(new JobDto(j.Id, j.Device, j.Architecture, d.Space, d.BatchSize, d.Threads, d.InputSize, j.LeaseToken, j.Attempt, j.LeaseUntilMs));
            }
            return Results.Json(new LeaseResponse(dtos), ApiJson.Options);
        }).Accepts<LeaseRequest>("application/json").Produces<LeaseResponse>()
          .WithSummary("Lease up to max open jobs of this agent key's devices (oldest first; expired leases are re-issued).");

        g.MapPost("/jobs/{id:long}/renew", async (HttpContext http, long id) =>
        {
            var (_, denied, device) = await OwnJob(http, id);
            if (denied is not null) return denied;
            var (req, bad) = await ApiJson.ReadAsync<RenewRequest>(http.Request, http.RequestAborted);
            if (bad is not null) return bad;
            int leaseMs = req!.LeaseMs ?? options.LeaseMs;
            if (Validation.Range(leaseMs, 100, options.MaxLeaseMs) is string l) return ApiJson.Error(400, "lease_ms", l);
            if (Validation.Token(req.LeaseToken) is string t) return ApiJson.Error(400, "lease_token", t);
            return await store.RenewLeaseAsync(id, req.LeaseToken, leaseMs, http.RequestAborted)
                ? Results.Json(new { job_id = id, device, lease_until_ms = store.NowMs + leaseMs }, ApiJson.Options)
                : ApiJson.Error(409, "lease_token", "the lease is over: the job is done or was re-issued");
        }).Accepts<RenewRequest>("application/json").WithSummary("Extend a lease the agent still holds.");

        g.MapPost("/jobs/{id:long}/result", async (HttpContext http, long id) =>
        {
            var (grant, denied, device) = await OwnJob(http, id);
            if (denied is not null) return denied;
            var (req, bad) = await ApiJson.ReadAsync<ResultRequest>(http.Request, http.RequestAborted);
            if (bad is not null) return bad;
            var r = req!;
            var problem = Validation.Token(r.LeaseToken) is string t ? ("lease_token", t)
                : Validation.Token(r.IdempotencyKey) is string k ? ("idempotency_key", k)
                : Validation.Latency(r.MedianMs) is string m ? ("median_ms", m)
                : r.MinMs is double mn && Validation.Latency(mn) is string mm ? ("min_ms", mm)
                : r.Runtime is { Length: > 100 } ? ("runtime", "at most 100 characters")
                : ((string, string)?)null;
            if (problem is var (field, message)) return ApiJson.Error(400, field, message);
            var receipt = await store.PostResultAsync(device!, new JobResult(id, r.LeaseToken, r.IdempotencyKey, r.MedianMs, r.MinMs, r.Runtime, device!), http.RequestAborted);
            if (receipt.Outcome == PostOutcome.Accepted) signals.Publish(device!, receipt.Architecture!, r.MedianMs);
            return receipt.Outcome switch
            {
                PostOutcome.Accepted => Results.Json(new ResultResponse(id, "stored"), ApiJson.Options, statusCode: 201),
                PostOutcome.Replayed => Results.Json(new ResultResponse(id, "already stored with this idempotency key"), ApiJson.Options),
                PostOutcome.Conflict => ApiJson.Error(409, "job_id", "the job already has a result, its lease was re-issued to another agent, or the idempotency key belongs to another job"),
                _ => ApiJson.Error(404, "job_id", $"no job {id}"),
            };
        }).Accepts<ResultRequest>("application/json").Produces<ResultResponse>(201).Produces<ApiError>(409)
          .WithSummary("Post a job's measurement, exactly once per job (idempotency key for retries).");

        async Task<(KeyGrant?, IResult?, string?)> OwnJob(HttpContext http, long id)
        {
            var (grant, denied) = await Auth.RequireAsync(http, store, KeyRole.Agent);
            if (denied is not null) return (null, denied, null);
            var device = await store.JobDeviceAsync(id, http.RequestAborted);
            if (device is null) return (null, ApiJson.Error(404, "job_id", $"no job {id}"), null);
            if (!grant!.Devices.Contains(device)) return (null, ApiJson.Error(403, "job_id", "this job belongs to a device this key does not serve"), null);
            return (grant, null, device);
        }
    }
}

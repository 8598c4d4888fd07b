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
    public static void Map(IEndpointRouteBuilder app, OnboardingStore store, ResultSignals signals, WorkSignal work, ServiceOptions options)
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
            if (Validation.Range(req.WaitMs, 0, MaxWaitMs) is string w) return ApiJson.Error(400, "wait_ms", w);
            string key = http.Request.Headers[Auth.Header].First()!, hash = OnboardingStore.HashKey(key), owner = $"{options.ReplicaId}/{http.Connection.RemoteIpAddress}";
            // Subscribed before the first look, so jobs queued between the look and the wait still wake this request.
            using var pulses = req.WaitMs > 0 ? work.Subscribe(grant!.Devices) : null;
            var jobs = await store.LeaseAsync(hash, owner, leaseMs, req.Max, http.RequestAborted);
            // Long poll: nothing open yet, so wait here for jobs of this key's devices (or a slice to pass: expired leases).
            var waited = System.Diagnostics.Stopwatch.StartNew();
            double idleMs = 0;
            while (pulses is not null && jobs.Count == 0 && waited.ElapsedMilliseconds < req.WaitMs && !http.RequestAborted.IsCancellationRequested)
            {
                long t0 = System.Diagnostics.Stopwatch.GetTimestamp();
                await pulses.WaitAsync(TimeSpan.FromMilliseconds(Math.Min(WaitSliceMs, req.WaitMs - waited.ElapsedMilliseconds)), http.RequestAborted);
                idleMs += System.Diagnostics.Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
                jobs = await store.LeaseAsync(hash, owner, leaseMs, req.Max, http.RequestAborted);
            }
            // How long the request was held on purpose, so clients timing the API can tell waiting for work from serving.
            if (idleMs > 0) http.Response.Headers[WaitedHeader] = idleMs.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);
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
            if (Check(r) is var (field, message)) return ApiJson.Error(400, field, message);
            var receipt = (await store.PostResultsAsync(grant!.Devices,
                [new JobResult(id, r.LeaseToken, r.IdempotencyKey, r.MedianMs, r.MinMs, r.Runtime, device!, r.EnergyMj)], http.RequestAborted))[0];
            if (receipt.Outcome == PostOutcome.Accepted) signals.Publish(device!, receipt.Architecture!, r.MedianMs);
            var (status, text) = Describe(receipt.Outcome);
            return status >= 400 ? ApiJson.Error(status, "job_id", text) : Results.Json(new ResultResponse(id, text), ApiJson.Options, statusCode: status);
        }).Accepts<ResultRequest>("application/json").Produces<ResultResponse>(201).Produces<ApiError>(409)
          .WithSummary("Post a job's measurement, exactly once per job (idempotency key for retries).");

        g.MapPost("/results", async (HttpContext http) =>
        {
            var (grant, denied) = await Auth.RequireAsync(http, store, KeyRole.Agent);
            if (denied is not null) return denied;
            var (req, bad) = await ApiJson.ReadAsync<BatchResultsRequest>(http.Request, http.RequestAborted);
            if (bad is not null) return bad;
            var items = req!.Results;
            if (Validation.Range(items.Count, 1, MaxBatch) is string n) return ApiJson.Error(400, "results", n);
            for (int i = 0; i < items.Count; i++)
                if (Check(items[i]) is var (field, message))
                    return ApiJson.Error(400, $"results[{i}].{field}", message);
            if (items.Select(x => x.JobId).Distinct().Count() != items.Count) return ApiJson.Error(400, "results", "a job appears twice");
            if (items.Select(x => x.IdempotencyKey).Distinct(StringComparer.Ordinal).Count() != items.Count) return ApiJson.Error(400, "results", "an idempotency key appears twice");
            var receipts = await store.PostResultsAsync(grant!.Devices,
                items.Select(x => new JobResult(x.JobId, x.LeaseToken, x.IdempotencyKey, x.MedianMs, x.MinMs, x.Runtime, "agent", x.EnergyMj)).ToArray(), http.RequestAborted);
            var statuses = new BatchResultStatus[receipts.Count];
            for (int i = 0; i < receipts.Count; i++)
            {
                var rc = receipts[i];
                if (rc.Outcome == PostOutcome.Accepted) signals.Publish(rc.Device!, rc.Architecture!, items[i].MedianMs);
                var (status, text) = Describe(rc.Outcome);
                statuses[i] = new BatchResultStatus(rc.JobId, status, text);
            }
            return Results.Json(new BatchResultsResponse(statuses), ApiJson.Options);
        }).Accepts<BatchResultsRequest>("application/json").Produces<BatchResultsResponse>()
          .WithSummary($"Post up to {MaxBatch} results in one transaction; each job gets the status a single post would have had (201, 200, 409, 404, 403).");

        g.MapPost("/renew", async (HttpContext http) =>
        {
            var (grant, denied) = await Auth.RequireAsync(http, store, KeyRole.Agent);
            if (denied is not null) return denied;
            var (req, bad) = await ApiJson.ReadAsync<BatchRenewRequest>(http.Request, http.RequestAborted);
            if (bad is not null) return bad;
            int leaseMs = req!.LeaseMs ?? options.LeaseMs;
            if (Validation.Range(leaseMs, 100, options.MaxLeaseMs) is string l) return ApiJson.Error(400, "lease_ms", l);
            if (Validation.Range(req.Leases.Count, 1, MaxBatch) is string n) return ApiJson.Error(400, "leases", n);
            for (int i = 0; i < req.Leases.Count; i++)
                if (Validation.Token(req.Leases[i].LeaseToken) is string t) return ApiJson.Error(400, $"leases[{i}].lease_token", t);
            var renewed = await store.RenewLeasesAsync(grant!.Devices, req.Leases.Select(x => (x.JobId, x.LeaseToken)).ToArray(), leaseMs, http.RequestAborted);
            return Results.Json(new BatchRenewResponse(req.Leases.Select(x => x.JobId).Where(renewed.Contains).ToArray(),
                req.Leases.Select(x => x.JobId).Where(j => !renewed.Contains(j)).ToArray(), store.NowMs + leaseMs), ApiJson.Options);
        }).Accepts<BatchRenewRequest>("application/json").Produces<BatchRenewResponse>()
          .WithSummary("Extend several leases the agent still holds in one statement; lost ones are listed.");

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

    /// <summary>Longest server-side wait of a lease request that found nothing, and the slice after which it looks again whatever the signal.</summary>
    public const int MaxWaitMs = 10_000, WaitSliceMs = 1_000;

    /// <summary>Response header of a long-poll lease: milliseconds the server held the request waiting for a signal (not counting its store reads).</summary>
    public const string WaitedHeader = "X-Lease-Waited-Ms";

    /// <summary>Results in one batch post at most (one transaction).</summary>
    public const int MaxBatch = 128;

    /// <summary>The checks of a posted result, single or in a batch (a batch item is a ResultRequest with its job id).</summary>
    private static (string Field, string Message)? Check(ResultRequest r) =>
        Validation.Token(r.LeaseToken) is string t ? ("lease_token", t)
        : Validation.Token(r.IdempotencyKey) is string k ? ("idempotency_key", k)
        : Validation.Latency(r.MedianMs) is string m ? ("median_ms", m)
        : r.MinMs is double mn && Validation.Latency(mn) is string mm ? ("min_ms", mm)
        : r.Runtime is { Length: > 100 } ? ("runtime", "at most 100 characters")
        : r.EnergyMj is double e && Validation.Energy(e) is string em ? ("energy_mj", em)
        : null;

    private static (int Status, string Text) Describe(PostOutcome outcome) => outcome switch
    {
        PostOutcome.Accepted => (201, "stored"),
        PostOutcome.Replayed => (200, "already stored with this idempotency key"),
        PostOutcome.Conflict => (409, "the job already has a result, its lease was re-issued to another agent, or the idempotency key belongs to another job"),
        PostOutcome.Forbidden => (403, "this job belongs to a device this key does not serve"),
        _ => (404, "no such job"),
    };
}

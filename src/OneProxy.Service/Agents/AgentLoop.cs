using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using OneProxy.Measurement;
using OneProxy.Service.Api;

namespace OneProxy.Service.Agents;

/// <summary>
/// The device side: lease jobs, measure each through the runner while a timer renews its lease,
/// post the result with an idempotency key made once per job lease (so a retried post after a
/// lost response is recognised, never stored twice). A job the runner fails on is left to its
/// lease, which runs out, and the server re-issues it.
/// </summary>
public sealed class AgentLoop(HttpClient http, AgentOptions options, IJobRunner runner)
{
    private const int PostAttempts = 4;
    private int _server;

    /// <summary>The last transport error (the loop goes on past it to the next replica).</summary>
    public string? LastError { get; private set; }

    private Uri Url(string path) => new(options.Servers[_server % options.Servers.Count], path);

    /// <summary>The current replica did not answer: move to the next.</summary>
    private void Failover() => Interlocked.Increment(ref _server);

    /// <summary>Called after each post with the server's answer (benchmarks count acknowledgements).</summary>
    public Action<JobDto, HttpStatusCode>? OnPosted { get; init; }

    /// <summary>For fault drills: called after a job is leased; throwing here abandons the job like a killed agent.</summary>
    public Action<JobDto>? AfterLease { get; init; }

    public async Task<AgentSummary> RunAsync(CancellationToken ct)
    {
        options.Validate();
        var sw = Stopwatch.StartNew();
        int leased = 0, stored = 0, replayed = 0, refused = 0, failed = 0;
        var idleSince = Stopwatch.StartNew();
        string reason;
        while (true)
        {
            if (ct.IsCancellationRequested) { reason = "cancelled"; break; }
            if (leased >= options.MaxJobs) { reason = "max jobs"; break; }
            if (sw.Elapsed >= options.MaxTime) { reason = "max time"; break; }
            if (options.IdleExit > TimeSpan.Zero && idleSince.Elapsed >= options.IdleExit) { reason = "idle"; break; }
            LeaseResponse lease;
            try
            {
                lease = await Send<LeaseResponse>(HttpMethod.Post, "api/v1/lease", new LeaseRequest(Math.Min(options.Batch, options.MaxJobs - leased), options.LeaseMs, (int)options.LeaseWait.TotalMilliseconds), ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { reason = "cancelled"; break; }
            catch (HttpRequestException e)
            {
                LastError = e.Message;
                Failover();
                lease = new LeaseResponse([]);
            }
            if (lease.Jobs.Count == 0)
            {
                try { await Task.Delay(options.IdlePoll, ct); } catch (OperationCanceledException) { reason = "cancelled"; break; }
                continue;
            }
            idleSince.Restart();
            // One renewal request keeps every lease of the batch alive while its jobs are measured; one post stores them all.
            var held = lease.Jobs.ToDictionary(j => j.JobId);
            var done = new List<(JobDto Job, Measured M)>(lease.Jobs.Count);
            using (var renew = CancellationTokenSource.CreateLinkedTokenSource(ct))
            {
                var renewing = RenewWhileRunning(held, renew.Token);
                try
                {
                    foreach (var job in lease.Jobs)
                    {
                        leased++;
                        AfterLease?.Invoke(job);
                        try { done.Add((job, await runner.RunAsync(job, ct))); }
                        catch (AgentProtocolException) { failed++; }
                        lock (held) held.Remove(job.JobId);
                    }
                }
                finally { await renew.CancelAsync(); await renewing; }
            }
            if (done.Count > 0)
                foreach (var (job, status) in await PostResults(done, ct))
                {
                    OnPosted?.Invoke(job, status);
                    switch (status)
                    {
                        case HttpStatusCode.Created: stored++; break;
                        case HttpStatusCode.OK: replayed++; break;
                        default: refused++; break;
                    }
                }
            idleSince.Restart(); // idleness counts from the last job done, not from the lease
        }
        return new AgentSummary(leased, stored, replayed, refused, failed, sw.Elapsed, reason + (LastError is null ? "" : $" (last transport error: {LastError})"));
    }

    private string IdempotencyKey(JobDto job) => $"{options.AgentId}:{job.JobId}:{job.Attempt}";

    /// <summary>Posts measured jobs in one request (one transaction on the server); retried with the same keys after a transport error.</summary>
    public async Task<IReadOnlyList<(JobDto Job, HttpStatusCode Status)>> PostResults(IReadOnlyList<(JobDto Job, Measured M)> done, CancellationToken ct)
    {
        var body = new BatchResultsRequest(done.Select(d => new BatchResultItem(d.Job.JobId, d.Job.LeaseToken, IdempotencyKey(d.Job), d.M.MedianMs, d.M.MinMs, d.M.Runtime, d.M.EnergyMj)).ToArray());
        var byId = done.ToDictionary(d => d.Job.JobId, d => d.Job);
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                using var resp = await http.PostAsJsonAsync(Url("api/v1/results"), body, ApiJson.Options, ct);
                if ((int)resp.StatusCode >= 500 && attempt < PostAttempts) { await Task.Delay(100 * attempt, ct); continue; }
                if (!resp.IsSuccessStatusCode) return done.Select(d => (d.Job, resp.StatusCode)).ToArray();
                var answer = (await resp.Content.ReadFromJsonAsync<BatchResultsResponse>(ApiJson.Options, ct))!;
                return answer.Results.Select(r => (byId[r.JobId], (HttpStatusCode)r.Status)).ToArray();
            }
            catch (HttpRequestException) when (attempt < PostAttempts)
            {
                // The response may have been lost after the server stored the results: the same keys make the retry safe.
                Failover();
                await Task.Delay(100 * attempt, ct);
            }
        }
    }

    public async Task<HttpStatusCode> PostResult(JobDto job, Measured m, CancellationToken ct)
    {
        var body = new ResultRequest(job.LeaseToken, IdempotencyKey(job), m.MedianMs, m.MinMs, m.Runtime, m.EnergyMj);
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                using var resp = await http.PostAsJsonAsync(Url($"api/v1/jobs/{job.JobId}/result"), body, ApiJson.Options, ct);
                if ((int)resp.StatusCode >= 500 && attempt < PostAttempts) { await Task.Delay(100 * attempt, ct); continue; }
                return resp.StatusCode;
            }
            catch (HttpRequestException) when (attempt < PostAttempts)
            {
                // The response may have been lost after the server stored the result: the same key makes the retry safe.
                Failover();
                await Task.Delay(100 * attempt, ct);
            }
        }
    }

    /// <summary>Renews the leases of the batch's jobs not yet measured, every third of a lease, in one request.</summary>
    private async Task RenewWhileRunning(Dictionary<long, JobDto> held, CancellationToken ct)
    {
        var every = TimeSpan.FromMilliseconds(options.LeaseMs / 3.0);
        try
        {
            while (!ct.IsCancellationRequested)
            {
                await Task.Delay(every, ct);
                LeaseRef[] leases;
                lock (held) leases = held.Values.Select(j => new LeaseRef(j.JobId, j.LeaseToken)).ToArray();
                if (leases.Length == 0) return;
                using var resp = await http.PostAsJsonAsync(Url("api/v1/renew"), new BatchRenewRequest(leases, options.LeaseMs), ApiJson.Options, ct);
                if (!resp.IsSuccessStatusCode) continue;
                // Lost leases (re-issued): their results will be refused or accepted once; stop renewing them.
                var answer = await resp.Content.ReadFromJsonAsync<BatchRenewResponse>(ApiJson.Options, ct);
                lock (held) foreach (var id in answer!.Lost) held.Remove(id);
            }
        }
        catch (OperationCanceledException) { /* the batch finished */ }
        catch (HttpRequestException) { /* server unreachable: the leases may run out and the jobs be re-issued */ }
    }

    private async Task<T> Send<T>(HttpMethod method, string path, object body, CancellationToken ct)
    {
        using var resp = await http.PostAsJsonAsync(Url(path), body, ApiJson.Options, ct);
        if ((int)resp.StatusCode >= 500) throw new HttpRequestException($"{path}: HTTP {(int)resp.StatusCode}", null, resp.StatusCode);
        if (!resp.IsSuccessStatusCode)
            throw new InvalidOperationException($"{method} {path}: HTTP {(int)resp.StatusCode} {await resp.Content.ReadAsStringAsync(ct)}");
        return (await resp.Content.ReadFromJsonAsync<T>(ApiJson.Options, ct))!;
    }

    /// <summary>An HttpClient with the agent key set.</summary>
    public static HttpClient Client(string key, TimeSpan timeout)
    {
        var c = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = timeout };
        c.DefaultRequestHeaders.Add(Auth.Header, key);
        return c;
    }
}

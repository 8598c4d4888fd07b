using System.Collections.Concurrent;
using System.Diagnostics;

namespace OneProxy.Service.Bench;

/// <summary>Times every HTTP request an agent makes (client side, loopback), for the API latency percentiles; a long-poll lease counts without the time the server reports it waited for work.</summary>
public sealed class TimingHandler(ConcurrentBag<double> millis) : DelegatingHandler(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        long t0 = Stopwatch.GetTimestamp();
        var resp = await base.SendAsync(request, ct);
        double ms = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
        // A long-poll lease held on purpose while no job was open: that wait is idleness, not API latency.
        if (resp.Headers.TryGetValues(Api.JobEndpoints.WaitedHeader, out var waited) && double.TryParse(waited.FirstOrDefault(), System.Globalization.CultureInfo.InvariantCulture, out var w))
            ms = Math.Max(0, ms - w);
        millis.Add(ms);
        return resp;
    }
}

using System.Collections.Concurrent;
using System.Diagnostics;

namespace OneProxy.Service.Bench;

/// <summary>Times every HTTP request an agent makes (client side, loopback), for the API latency percentiles.</summary>
public sealed class TimingHandler(ConcurrentBag<double> millis) : DelegatingHandler(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        long t0 = Stopwatch.GetTimestamp();
        var resp = await base.SendAsync(request, ct);
        millis.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
        return resp;
    }
}

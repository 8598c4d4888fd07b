using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace OneProxy.Service.Bench;

/// <summary>
/// Times every HTTP request an agent makes (client side, loopback), for the API latency
/// percentiles; a long-poll lease counts without the time the server reports it waited for work.
/// With <paramref name="serverMillis"/> it also keeps the server's own part of each request (its
/// Server-Timing header, less the same wait), so a slow tail can be split into server work and
/// the rest (queueing before Kestrel reads it, transport, the client's own scheduling).
/// </summary>
public sealed class TimingHandler(ConcurrentBag<double> millis, ConcurrentBag<double>? serverMillis = null)
    : DelegatingHandler(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        long t0 = Stopwatch.GetTimestamp();
        var resp = await base.SendAsync(request, ct);
        double ms = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
        // A long-poll lease held on purpose while no job was open: that wait is idleness, not API latency.
        double w = Header(resp, Api.JobEndpoints.WaitedHeader, null) ?? 0;
        millis.Add(Math.Max(0, ms - w));
        if (serverMillis is not null && Header(resp, "Server-Timing", "app;dur=") is double server) serverMillis.Add(Math.Max(0, server - w));
        return resp;
    }

    private static double? Header(HttpResponseMessage resp, string name, string? prefix)
    {
        if (!resp.Headers.TryGetValues(name, out var values)) return null;
        var v = values.FirstOrDefault();
        if (v is null || (prefix is not null && !v.StartsWith(prefix, StringComparison.Ordinal))) return null;
        return double.TryParse(prefix is null ? v : v[prefix.Length..], NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null;
    }
}

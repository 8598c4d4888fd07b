using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OneProxy.Service.Api;
using OneProxy.Service.Onboarding;
using OneProxy.Storage;

namespace OneProxy.Service.Dashboard;

/// <summary>
/// /dashboard and /dashboard/devices/{name} (admin key). A browser cannot send headers, so
/// /dashboard?key=K sets an HttpOnly, SameSite=Strict cookie and redirects to the same page without
/// the key, keeping it out of links and history.
/// </summary>
public static class DashboardEndpoints
{
    public const string Cookie = "oneproxy_key";
    private const string Csp = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    public static void Map(IEndpointRouteBuilder app, OnboardingStore store, IReadOnlyDictionary<string, OnboardingContext> contexts)
    {
        app.MapGet("/dashboard", async (HttpContext http) =>
        {
            if (KeyFromQuery(http) is IResult redirect) return redirect;
            var (_, denied) = await Auth.RequireAsync(http, store, KeyRole.Admin, allowCookie: true);
            if (denied is not null) return denied;
            var ct = http.RequestAborted;
            var devices = await store.ListDevicesAsync(ct);
            var counts = await store.CountsAsync(ct);
            var recent = devices.Where(d => d.ResultJson is not null).TakeLast(DashboardPage.HeatmapDevices).ToList();
            var measured = new Dictionary<string, IReadOnlyList<StoredResult>>();
            foreach (var d in recent) measured[d.Name] = await store.ResultsAsync(d.Name, ct);
            var qoe = await store.FeedbackSeriesAsync(ct);
            return Html(http, DashboardPage.Overview(devices, counts, contexts, qoe, $"{store.Kind}", n => measured.TryGetValue(n, out var r) ? r : []));
        }).ExcludeFromDescription();

        app.MapGet("/dashboard/devices/{name}", async (HttpContext http, string name) =>
        {
            var (_, denied) = await Auth.RequireAsync(http, store, KeyRole.Admin, allowCookie: true);
            if (denied is not null) return denied;
            if (Validation.Name(name) is string bad) return ApiJson.Error(400, "name", bad);
            var d = await store.GetDeviceAsync(name, http.RequestAborted);
            if (d is null) return ApiJson.Error(404, "name", $"no device '{name}'");
            return Html(http, DashboardPage.Device(d, await store.ResultsAsync(name, http.RequestAborted), contexts));
        }).ExcludeFromDescription();
    }

    private static IResult? KeyFromQuery(HttpContext http)
    {
        if (http.Request.Query["key"].FirstOrDefault() is not { Length: > 0 and <= 256 } key) return null;
        http.Response.Cookies.Append(Cookie, key, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict, Path = "/dashboard" });
        return Results.Redirect("/dashboard");
    }

    private static IResult Html(HttpContext http, string html)
    {
        http.Response.Headers.ContentSecurityPolicy = Csp;
        http.Response.Headers.XContentTypeOptions = "nosniff";
        return Results.Content(html, "text/html; charset=utf-8");
    }
}

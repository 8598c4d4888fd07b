using Microsoft.AspNetCore.Http;
using OneProxy.Storage;

namespace OneProxy.Service.Api;

/// <summary>
/// API keys in the X-Api-Key header (the dashboard also reads them from its cookie, so a browser can open it).
/// Admin keys register, delete and read; agent keys lease and post for their own devices only.
/// </summary>
public static class Auth
{
    public const string Header = "X-Api-Key";

    public static async Task<(KeyGrant? Grant, IResult? Error)> RequireAsync(HttpContext http, OnboardingStore store, KeyRole? role, bool allowCookie = false)
    {
        string? key = http.Request.Headers[Header].FirstOrDefault();
        if (key is null && allowCookie) key = http.Request.Cookies[Dashboard.DashboardEndpoints.Cookie];
        if (string.IsNullOrEmpty(key) || key.Length > 256) return (null, ApiJson.Error(401, "key", $"send an API key in the {Header} header"));
        var grant = await store.GrantAsync(key, http.RequestAborted);
        if (grant is null) return (null, ApiJson.Error(401, "key", "unknown API key"));
        if (role is not null && grant.Role != role) return (null, ApiJson.Error(403, "key", $"this needs an {role.ToString()!.ToLowerInvariant()} key"));
        return (grant, null);
    }

    /// <summary>Admins may read any device; an agent only its own.</summary>
    public static bool MayRead(KeyGrant grant, string device) => grant.Role == KeyRole.Admin || grant.Devices.Contains(device);
}

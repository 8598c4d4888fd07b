using System.Security.Cryptography;
using System.Text;

namespace OneProxy.Storage;

public sealed partial class OnboardingStore
{
    /// <summary>Keys are stored as SHA-256 hashes only, so a leaked database does not leak keys.</summary>
    public static string HashKey(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>A new random key (32 bytes, base64url).</summary>
    public static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Grants <paramref name="key"/> a role; agent keys name the devices they serve (admin keys none).</summary>
    public Task AddKeyAsync(string key, KeyRole role, IReadOnlyList<string> devices, CancellationToken ct)
    {
        if (role == KeyRole.Agent && devices.Count == 0) throw new ArgumentException("an agent key needs at least one device");
        var rows = role == KeyRole.Admin ? [""] : devices;
        _grants.Clear();
        return WriteAsync(async (c, tx) =>
        {
            foreach (var d in rows)
                await ExecAsync(c, tx, "INSERT INTO api_keys (key_hash, role, device) VALUES (@k, @r, @d) ON CONFLICT (key_hash, device) DO NOTHING", ct,
                    ("@k", HashKey(key)), ("@r", role.ToString().ToLowerInvariant()), ("@d", d));
            return 0;
        }, ct);
    }

    /// <summary>How long a known key's grant is answered from memory; a device deleted on another replica loses its key here at most this late.</summary>
    public static readonly TimeSpan GrantCacheTime = TimeSpan.FromSeconds(2);

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (KeyGrant Grant, long Until)> _grants = new(StringComparer.Ordinal);

    /// <summary>
    /// <see cref="FindKeyAsync"/> for every request: a known key's grant is kept for
    /// <see cref="GrantCacheTime"/> (an agent sends a request per lease and per post; the grant
    /// rarely changes). Unknown keys are never kept; any key or device change on this replica clears it.
    /// </summary>
    public async Task<KeyGrant?> GrantAsync(string key, CancellationToken ct)
    {
        string hash = HashKey(key);
        long now = Environment.TickCount64;
        if (_grants.TryGetValue(hash, out var hit) && hit.Until > now) return hit.Grant;
        var grant = await FindKeyAsync(key, ct);
        if (grant is null) _grants.TryRemove(hash, out _);
        else
        {
            if (_grants.Count > 100_000) _grants.Clear(); // bounded: many distinct keys only cost re-reads
            _grants[hash] = (grant, now + (long)GrantCacheTime.TotalMilliseconds);
        }
        return grant;
    }

    /// <summary>What a presented key may do, or null for an unknown key.</summary>
    public Task<KeyGrant?> FindKeyAsync(string key, CancellationToken ct) =>
        ReadAsync(async c =>
        {
            await using var cmd = Command(c, null, "SELECT role, device FROM api_keys WHERE key_hash = @k", ("@k", HashKey(key)));
            await using var r = await cmd.ExecuteReaderAsync(ct);
            KeyRole? role = null;
            var devices = new HashSet<string>(StringComparer.Ordinal);
            while (await r.ReadAsync(ct))
            {
                role = Enum.Parse<KeyRole>(r.GetString(0), ignoreCase: true);
                if (r.GetString(1).Length > 0) devices.Add(r.GetString(1));
            }
            return role is null ? null : new KeyGrant(role.Value, devices);
        }, ct);
}

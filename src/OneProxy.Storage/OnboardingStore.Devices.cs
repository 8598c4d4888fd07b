using System.Data.Common;

namespace OneProxy.Storage;

public sealed partial class OnboardingStore
{
    private const string DeviceColumns =
        "d.name, d.space, d.batch_size, d.threads, d.input_size, d.features, d.budget, d.state, d.result, d.error, d.created_ms, " +
        "(SELECT COUNT(*) FROM jobs j WHERE j.device = d.name), (SELECT COUNT(*) FROM results r WHERE r.device = d.name)";

    /// <summary>Registers a device for onboarding; false if the name is taken.</summary>
    public Task<bool> AddDeviceAsync(string name, string space, int batch, int threads, int input, string featuresJson, int budget, CancellationToken ct) =>
        WriteAsync(async (c, tx) => await ExecAsync(c, tx,
            "INSERT INTO devices (name, space, batch_size, threads, input_size, features, budget, state, created_ms, planner_until) " +
            "VALUES (@n, @s, @b, @t, @i, @f, @bu, 'onboarding', @now, 0) ON CONFLICT (name) DO NOTHING", ct,
            ("@n", name), ("@s", space), ("@b", batch), ("@t", threads), ("@i", input), ("@f", featuresJson), ("@bu", budget), ("@now", NowMs)) == 1, ct);

    /// <summary>Deletes a device with its jobs, results and agent keys; false if there was none.</summary>
    public async Task<bool> DeleteDeviceAsync(string name, CancellationToken ct)
    {
        bool deleted = await DeleteDeviceCoreAsync(name, ct);
        _grants.Clear(); // after the commit, so no request re-caches the old grant in between
        return deleted;
    }

    private Task<bool> DeleteDeviceCoreAsync(string name, CancellationToken ct) =>
        WriteAsync(async (c, tx) =>
        {
            await ExecAsync(c, tx, "DELETE FROM api_keys WHERE device = @n", ct, ("@n", name));
            await ExecAsync(c, tx, "DELETE FROM results WHERE device = @n", ct, ("@n", name));
            await ExecAsync(c, tx, "DELETE FROM jobs WHERE device = @n", ct, ("@n", name));
            return await ExecAsync(c, tx, "DELETE FROM devices WHERE name = @n", ct, ("@n", name)) == 1;
        }, ct);

    public Task<DeviceRecord?> GetDeviceAsync(string name, CancellationToken ct) =>
        ReadAsync(async c =>
        {
            await using var cmd = Command(c, null, $"SELECT {DeviceColumns} FROM devices d WHERE d.name = @n", ("@n", name));
            await using var r = await cmd.ExecuteReaderAsync(ct);
            return await r.ReadAsync(ct) ? ReadDevice(r) : null;
        }, ct);

    public Task<IReadOnlyList<DeviceRecord>> ListDevicesAsync(CancellationToken ct, int limit = 10_000) =>
        ReadAsync<IReadOnlyList<DeviceRecord>>(async c =>
        {
            await using var cmd = Command(c, null, $"SELECT {DeviceColumns} FROM devices d ORDER BY d.created_ms, d.name LIMIT @l", ("@l", limit));
            await using var r = await cmd.ExecuteReaderAsync(ct);
            var list = new List<DeviceRecord>();
            while (await r.ReadAsync(ct)) list.Add(ReadDevice(r));
            return list;
        }, ct);

    private static DeviceRecord ReadDevice(DbDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetInt32(2), r.GetInt32(3), r.GetInt32(4), r.GetString(5), r.GetInt32(6),
        Enum.Parse<DeviceState>(r.GetString(7), ignoreCase: true), r.IsDBNull(8) ? null : r.GetString(8), r.IsDBNull(9) ? null : r.GetString(9),
        r.GetInt64(10), (int)r.GetInt64(11), (int)r.GetInt64(12));

    /// <summary>
    /// Takes up to <paramref name="max"/> onboarding devices whose planner lease has run out (never
    /// taken, or its replica died) for <paramref name="owner"/> until now + <paramref name="leaseMs"/>.
    /// </summary>
    public Task<IReadOnlyList<string>> ClaimPlanningAsync(string owner, int leaseMs, int max, CancellationToken ct)
    {
        string skip = Kind == StoreKind.PostgreSql ? " FOR UPDATE SKIP LOCKED" : "";
        return WriteAsync<IReadOnlyList<string>>(async (c, tx) =>
        {
            long now = NowMs;
            await using var cmd = Command(c, tx,
                "UPDATE devices SET planner_owner = @o, planner_until = @u, planner_starts = planner_starts + 1 WHERE name IN (" +
                $"SELECT name FROM devices WHERE state = 'onboarding' AND planner_until < @now ORDER BY created_ms, name LIMIT @m{skip}) RETURNING name",
                ("@o", owner), ("@u", now + leaseMs), ("@now", now), ("@m", max));
            return await ReadStrings(cmd, ct);
        }, ct);
    }

    /// <summary>Saves a pipeline's checkpoint (opaque text), only while <paramref name="owner"/> still holds the device's planner lease.</summary>
    public Task<bool> SaveCheckpointAsync(string name, string owner, string checkpoint, CancellationToken ct) =>
        WriteAsync(async (c, tx) => await ExecAsync(c, tx,
            "UPDATE devices SET checkpoint = @c WHERE name = @n AND planner_owner = @o AND state = 'onboarding'", ct,
            ("@c", checkpoint), ("@n", name), ("@o", owner)) == 1, ct);

    /// <summary>A device's saved pipeline checkpoint, or null.</summary>
    public Task<string?> CheckpointAsync(string name, CancellationToken ct) =>
        ReadAsync(async c =>
        {
            await using var cmd = Command(c, null, "SELECT checkpoint FROM devices WHERE name = @n", ("@n", name));
            return await cmd.ExecuteScalarAsync(ct) as string;
        }, ct);

    /// <summary>Pipelines started over all devices (a device's first start plus every restart after a lost planner lease).</summary>
    public Task<long> PipelineStartsAsync(CancellationToken ct) =>
        ReadAsync(c => ScalarLongAsync(c, null, "SELECT COALESCE(SUM(planner_starts), 0) FROM devices", ct), ct);

    /// <summary>Extends every planner lease <paramref name="owner"/> still holds; returns those devices (a device missing was lost).</summary>
    public Task<IReadOnlyList<string>> RenewPlanningAsync(string owner, int leaseMs, CancellationToken ct) =>
        WriteAsync<IReadOnlyList<string>>(async (c, tx) =>
        {
            await using var cmd = Command(c, tx,
                "UPDATE devices SET planner_until = @u WHERE planner_owner = @o AND state = 'onboarding' RETURNING name",
                ("@o", owner), ("@u", NowMs + leaseMs));
            return await ReadStrings(cmd, ct);
        }, ct);

    /// <summary>Gives planner leases back (graceful shutdown) so another replica takes them at once.</summary>
    public Task<int> ReleasePlanningAsync(string owner, CancellationToken ct) =>
        WriteAsync((c, tx) => ExecAsync(c, tx, "UPDATE devices SET planner_owner = NULL, planner_until = 0 WHERE planner_owner = @o", ct, ("@o", owner)), ct);

    /// <summary>Records the end of onboarding, only if <paramref name="owner"/> still holds the device.</summary>
    public Task<bool> FinishDeviceAsync(string name, string owner, DeviceState state, string? resultJson, string? error, CancellationToken ct) =>
        WriteAsync(async (c, tx) => await ExecAsync(c, tx,
            "UPDATE devices SET state = @s, result = @r, error = @e, planner_owner = NULL WHERE name = @n AND planner_owner = @o AND state = 'onboarding'", ct,
            ("@s", state.ToString().ToLowerInvariant()), ("@r", resultJson), ("@e", error), ("@n", name), ("@o", owner)) == 1, ct);

    private static async Task<IReadOnlyList<string>> ReadStrings(DbCommand cmd, CancellationToken ct)
    {
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<string>();
        while (await r.ReadAsync(ct)) list.Add(r.GetString(0));
        return list;
    }
}

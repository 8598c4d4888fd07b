using System.Text.Json;
using System.Text.Json.Serialization;

namespace OneProxy.Service.Api;

public sealed record RegisterDeviceRequest(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("space")] string Space,
    [property: JsonPropertyName("batch_size")] int BatchSize = 1,
    [property: JsonPropertyName("threads")] int Threads = 0,
    [property: JsonPropertyName("input_size")] int InputSize = 0,
    [property: JsonPropertyName("features")] Dictionary<string, JsonElement>? Features = null,
    [property: JsonPropertyName("budget")] int? Budget = null);

public sealed record RegisterDeviceResponse(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("agent_key")] string AgentKey);

/// <summary>Lease up to max jobs; with wait_ms the server waits up to that long for jobs before answering an empty list (long poll).</summary>
public sealed record LeaseRequest(
    [property: JsonPropertyName("max")] int Max = 1,
    [property: JsonPropertyName("lease_ms")] int? LeaseMs = null,
    [property: JsonPropertyName("wait_ms")] int WaitMs = 0);

public sealed record JobDto(
    [property: JsonPropertyName("job_id")] long JobId,
    [property: JsonPropertyName("device")] string Device,
    [property: JsonPropertyName("arch")] string Arch,
    [property: JsonPropertyName("space")] string Space,
    [property: JsonPropertyName("batch_size")] int BatchSize,
    [property: JsonPropertyName("threads")] int Threads,
    [property: JsonPropertyName("input_size")] int InputSize,
    [property: JsonPropertyName("lease_token")] string LeaseToken,
    [property: JsonPropertyName("attempt")] int Attempt,
    [property: JsonPropertyName("lease_until_ms")] long LeaseUntilMs);

public sealed record LeaseResponse([property: JsonPropertyName("jobs")] IReadOnlyList<JobDto> Jobs);

public sealed record RenewRequest(
    [property: JsonPropertyName("lease_token")] string LeaseToken,
    [property: JsonPropertyName("lease_ms")] int? LeaseMs = null);

/// <summary>A job's measurement as an agent posts it; a batch item (<see cref="BatchResultItem"/>) is the same with its job id.</summary>
public record ResultRequest(
    [property: JsonPropertyName("lease_token")] string LeaseToken,
    [property: JsonPropertyName("idempotency_key")] string IdempotencyKey,
    [property: JsonPropertyName("median_ms")] double MedianMs,
    [property: JsonPropertyName("min_ms")] double? MinMs = null,
    [property: JsonPropertyName("runtime")] string? Runtime = null,
    [property: JsonPropertyName("energy_mj")] double? EnergyMj = null);

/// <summary>One result of a batch post: the job it is for, with the fields (names, JSON names, validation) of a single post.</summary>
public sealed record BatchResultItem(
    [property: JsonPropertyName("job_id")] long JobId,
    string LeaseToken, string IdempotencyKey, double MedianMs, double? MinMs = null, string? Runtime = null, double? EnergyMj = null)
    : ResultRequest(LeaseToken, IdempotencyKey, MedianMs, MinMs, Runtime, EnergyMj);

public sealed record BatchResultsRequest([property: JsonPropertyName("results")] IReadOnlyList<BatchResultItem> Results);

/// <summary>Per job: the status a single post would have had (201, 200, 409, 404, 403) and what it means.</summary>
public sealed record BatchResultStatus(
    [property: JsonPropertyName("job_id")] long JobId,
    [property: JsonPropertyName("status")] int Status,
    [property: JsonPropertyName("outcome")] string Outcome);

public sealed record BatchResultsResponse([property: JsonPropertyName("results")] IReadOnlyList<BatchResultStatus> Results);

public sealed record LeaseRef(
    [property: JsonPropertyName("job_id")] long JobId,
    [property: JsonPropertyName("lease_token")] string LeaseToken);

public sealed record BatchRenewRequest(
    [property: JsonPropertyName("leases")] IReadOnlyList<LeaseRef> Leases,
    [property: JsonPropertyName("lease_ms")] int? LeaseMs = null);

/// <summary>Leases extended, and those lost (done, re-issued, or not this key's).</summary>
public sealed record BatchRenewResponse(
    [property: JsonPropertyName("renewed")] IReadOnlyList<long> Renewed,
    [property: JsonPropertyName("lost")] IReadOnlyList<long> Lost,
    [property: JsonPropertyName("lease_until_ms")] long LeaseUntilMs);

public sealed record ResultResponse(
    [property: JsonPropertyName("job_id")] long JobId,
    [property: JsonPropertyName("outcome")] string Outcome);

public sealed record DeviceDto(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("space")] string Space,
    [property: JsonPropertyName("state")] string State,
    [property: JsonPropertyName("budget")] int Budget,
    [property: JsonPropertyName("planned")] int Planned,
    [property: JsonPropertyName("measured")] int Measured,
    [property: JsonPropertyName("error")] string? Error,
    [property: JsonPropertyName("features")] JsonElement Features,
    [property: JsonPropertyName("result")] JsonElement? Result);

public sealed record BestResponse(
    [property: JsonPropertyName("device")] string Device,
    [property: JsonPropertyName("max_latency_ms")] double MaxLatencyMs,
    [property: JsonPropertyName("arch")] string Arch,
    [property: JsonPropertyName("latency_ms")] double LatencyMs,
    [property: JsonPropertyName("accuracy")] double Accuracy,
    [property: JsonPropertyName("max_energy_mj")] double? MaxEnergyMj = null,
    [property: JsonPropertyName("energy_mj")] double? EnergyMj = null);

public sealed record AgentKeyRequest([property: JsonPropertyName("devices")] string[] Devices);

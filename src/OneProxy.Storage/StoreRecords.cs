namespace OneProxy.Storage;

/// <summary>Where a device is in its onboarding.</summary>
public enum DeviceState { Onboarding, Onboarded, Failed }

/// <summary>What an API key may do: admins register and delete devices, agents lease and post for their own devices.</summary>
public enum KeyRole { Admin, Agent }

/// <summary>A registered device as stored. <see cref="ResultJson"/> is the served onboarding result (front, proxy, predictor), null until onboarded.</summary>
public sealed record DeviceRecord(
    string Name, string Space, int BatchSize, int Threads, int InputSize, string FeaturesJson, int Budget,
    DeviceState State, string? ResultJson, string? Error, long CreatedMs, int Planned, int Measured);

/// <summary>A job handed to an agent: measure <see cref="Architecture"/> on <see cref="Device"/> before the lease ends.</summary>
public sealed record LeasedJob(long Id, string Device, string Architecture, string LeaseToken, int Attempt, long LeaseUntilMs);

/// <summary>A measurement an agent posts for a leased job; <see cref="EnergyMj"/> is energy per inference where the agent could read a counter.</summary>
public sealed record JobResult(long JobId, string LeaseToken, string IdempotencyKey, double MedianMs, double? MinMs, string? Runtime, string Agent, double? EnergyMj = null);

/// <summary>
/// How a posted result was taken. Accepted: stored now. Replayed: the same idempotency key was
/// stored before (nothing stored again). Conflict: the job is done by another result or its
/// lease was re-issued to another agent. NotFound: no such job (for this device).
/// </summary>
/// Forbidden: the job belongs to a device the poster does not serve (batch posts only; nothing is said about the job).
public enum PostOutcome { Accepted, Replayed, Conflict, NotFound, Forbidden }

/// <summary>A key's role and the devices an agent key may serve.</summary>
public sealed record KeyGrant(KeyRole Role, IReadOnlySet<string> Devices);

/// <summary>Job and result totals, for progress pages and the fault benchmark.</summary>
public sealed record StoreCounts(long Devices, long Onboarded, long Jobs, long Queued, long Leased, long Done, long Results, long DistinctResults, long Reissued);

/// <summary>One stored measurement of a device.</summary>
public sealed record StoredResult(long JobId, string Architecture, double MedianMs, long ReceivedMs, string Agent, double? EnergyMj = null);

/// <summary>How a post was taken, and the measured architecture when it was stored now.</summary>
public sealed record PostReceipt(PostOutcome Outcome, string? Architecture);

/// <summary>One result of a batch post: the job, how it was taken, and (when stored now) its device and architecture.</summary>
public sealed record BatchReceipt(long JobId, PostOutcome Outcome, string? Device, string? Architecture);

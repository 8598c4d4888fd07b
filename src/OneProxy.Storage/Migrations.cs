namespace OneProxy.Storage;

/// <summary>
/// The schema, one list of versioned steps for both databases. Types differ only where the
/// dialects do (identity column, 64-bit integer, double), filled in per <see cref="StoreKind"/>.
/// A step never changes once released; a new need is a new step.
/// </summary>
public static class Migrations
{
    private static readonly string[] Steps =
    [
        // 1: devices, jobs, results, keys.
        """
        CREATE TABLE devices (
            name TEXT PRIMARY KEY, space TEXT NOT NULL, batch_size INTEGER NOT NULL, threads INTEGER NOT NULL,
            input_size INTEGER NOT NULL, features TEXT NOT NULL, budget INTEGER NOT NULL, state TEXT NOT NULL,
            result TEXT NULL, error TEXT NULL, created_ms {bigint} NOT NULL,
            planner_owner TEXT NULL, planner_until {bigint} NOT NULL);
        CREATE TABLE jobs (
            id {identity}, device TEXT NOT NULL REFERENCES devices(name) ON DELETE CASCADE, arch TEXT NOT NULL,
            state TEXT NOT NULL, lease_owner TEXT NULL, lease_token TEXT NULL, lease_until {bigint} NOT NULL,
            attempts INTEGER NOT NULL, created_ms {bigint} NOT NULL, UNIQUE (device, arch));
        CREATE INDEX jobs_open ON jobs (device, id) WHERE state <> 'done';
        CREATE TABLE results (
            job_id {bigint} PRIMARY KEY REFERENCES jobs(id) ON DELETE CASCADE, device TEXT NOT NULL, arch TEXT NOT NULL,
            median_ms {double} NOT NULL, min_ms {double} NULL, runtime TEXT NULL, agent TEXT NOT NULL,
            idempotency_key TEXT NOT NULL UNIQUE, received_ms {bigint} NOT NULL, UNIQUE (device, arch));
        CREATE TABLE api_keys (key_hash TEXT NOT NULL, role TEXT NOT NULL, device TEXT NOT NULL, PRIMARY KEY (key_hash, device));
        """,
        // 2: model-selection decisions and their (possibly late) feedback.
        """
        CREATE TABLE decisions (
            id TEXT PRIMARY KEY, context TEXT NOT NULL, model TEXT NOT NULL, created_ms {bigint} NOT NULL,
            qoe {double} NULL, feedback_ms {bigint} NULL);
        CREATE INDEX decisions_created ON decisions (created_ms);
        """,
        // 3: a hosted policy's whole state (the model-selection bandit), versioned so replicas see each other's updates.
        """
        CREATE TABLE policy_state (name TEXT PRIMARY KEY, version {bigint} NOT NULL, state TEXT NOT NULL, updated_ms {bigint} NOT NULL);
        """,
        // 4: energy per inference (mJ) where the agent could read a counter, for the per-device energy bound.
        """
        ALTER TABLE results ADD COLUMN energy_mj {double} NULL;
        """,
        // 5: how many times a device's pipeline was started (claims; more than one: restarts that replay stored results),
        //    and the pipeline's checkpoint (the decisions of its first steps), so a restart need not recompute them.
        """
        ALTER TABLE devices ADD COLUMN planner_starts INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE devices ADD COLUMN checkpoint TEXT NULL;
        """,
    ];

    public static int Latest => Steps.Length;

    /// <summary>Step <paramref name="version"/> (1-based) in the dialect of <paramref name="kind"/>.</summary>
    public static string Step(int version, StoreKind kind)
    {
        if (version < 1 || version > Steps.Length) throw new ArgumentOutOfRangeException(nameof(version), version, $"schema versions are 1..{Steps.Length}");
        bool pg = kind == StoreKind.PostgreSql;
        return Steps[version - 1]
            .Replace("{identity}", pg ? "BIGSERIAL PRIMARY KEY" : "INTEGER PRIMARY KEY AUTOINCREMENT")
            .Replace("{bigint}", pg ? "BIGINT" : "INTEGER")
            .Replace("{double}", pg ? "DOUBLE PRECISION" : "REAL");
    }
}

using System.Collections.Concurrent;
using OneProxy.Storage;

namespace OneProxy.Service.Tests.Storage;

/// <summary>The same lease and exactly-once checks on SQLite and on PostgreSQL.</summary>
public abstract class StoreContract
{
    /// <summary>The store's location: a SQLite path or a PostgreSQL connection string into the test's schema.</summary>
    protected abstract string Location { get; }

    private readonly ManualTime _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    private Task<OnboardingStore> Open() => OnboardingStore.OpenAsync(Location, CancellationToken.None, _time);

    private static async Task<string> DeviceWithJobs(OnboardingStore s, string name, int jobs)
    {
        Assert.True(await s.AddDeviceAsync(name, "nasbench201", 1, 1, 32, "{}", 50, CancellationToken.None));
        Assert.Equal(jobs, await s.EnqueueAsync(name, Enumerable.Range(0, jobs).Select(i => $"arch{i}").ToArray(), CancellationToken.None));
        string key = $"key-{name}";
        await s.AddKeyAsync(key, KeyRole.Agent, [name], CancellationToken.None);
        return OnboardingStore.HashKey(key);
    }

    private static JobResult Result(LeasedJob j, string idem, double ms = 1.5) => new(j.Id, j.LeaseToken, idem, ms, null, "test", "agent");

    [Fact]
    public async Task Migrates_once_and_reopens_at_the_latest_version()
    {
        await using (var s = await Open()) Assert.Equal(Migrations.Latest, await s.SchemaVersionAsync(CancellationToken.None));
        await using (var again = await Open()) Assert.Equal(Migrations.Latest, await again.SchemaVersionAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_result_is_stored_once_whatever_is_retried()
    {
        await using var s = await Open();
        var key = await DeviceWithJobs(s, "dev", 2);
        var jobs = await s.LeaseAsync(key, "a1", 10_000, 5, CancellationToken.None);
        Assert.Equal(2, jobs.Count);
        Assert.Equal(PostOutcome.Accepted, (await s.PostResultAsync("dev", Result(jobs[0], "k1"), CancellationToken.None)).Outcome);
        Assert.Equal(PostOutcome.Replayed, (await s.PostResultAsync("dev", Result(jobs[0], "k1"), CancellationToken.None)).Outcome);
        Assert.Equal(PostOutcome.Conflict, (await s.PostResultAsync("dev", Result(jobs[0], "k2"), CancellationToken.None)).Outcome);
        Assert.Equal(PostOutcome.Conflict, (await s.PostResultAsync("dev", Result(jobs[1], "k1"), CancellationToken.None)).Outcome);
        Assert.Equal(PostOutcome.NotFound, (await s.PostResultAsync("other", Result(jobs[1], "k3"), CancellationToken.None)).Outcome);
        var c = await s.CountsAsync(CancellationToken.None);
        Assert.Equal((1L, 1L, 1L), (c.Results, c.DistinctResults, c.Done));
        Assert.Empty(await s.LeaseAsync(key, "a1", 10_000, 5, CancellationToken.None)); // the other job is still leased
    }

    [Fact]
    public async Task An_expired_lease_is_reissued_and_the_late_result_is_refused()
    {
        await using var s = await Open();
        var key = await DeviceWithJobs(s, "dev", 1);
        var first = Assert.Single(await s.LeaseAsync(key, "dead-agent", 1_000, 1, CancellationToken.None));
        _time.Advance(TimeSpan.FromSeconds(2));
        var second = Assert.Single(await s.LeaseAsync(key, "live-agent", 1_000, 1, CancellationToken.None));
        Assert.Equal(first.Id, second.Id);
        Assert.Equal(2, second.Attempt);
        Assert.False(await s.RenewLeaseAsync(first.Id, first.LeaseToken, 1_000, CancellationToken.None));
        Assert.True(await s.RenewLeaseAsync(second.Id, second.LeaseToken, 1_000, CancellationToken.None));
        Assert.Equal(PostOutcome.Conflict, (await s.PostResultAsync("dev", Result(first, "late"), CancellationToken.None)).Outcome);
        Assert.Equal(PostOutcome.Accepted, (await s.PostResultAsync("dev", Result(second, "fresh"), CancellationToken.None)).Outcome);
        Assert.Equal(1, (await s.CountsAsync(CancellationToken.None)).Results);
    }

    [Fact]
    public async Task A_late_result_that_nobody_else_took_is_accepted_once()
    {
        await using var s = await Open();
        var key = await DeviceWithJobs(s, "dev", 1);
        var job = Assert.Single(await s.LeaseAsync(key, "slow-agent", 1_000, 1, CancellationToken.None));
        _time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(PostOutcome.Accepted, (await s.PostResultAsync("dev", Result(job, "late"), CancellationToken.None)).Outcome);
        Assert.Empty(await s.LeaseAsync(key, "other", 1_000, 1, CancellationToken.None));
    }

    [Fact]
    public async Task An_agent_key_leases_only_its_own_devices()
    {
        await using var s = await Open();
        var keyA = await DeviceWithJobs(s, "a", 3);
        await DeviceWithJobs(s, "b", 3);
        var jobs = await s.LeaseAsync(keyA, "x", 10_000, 10, CancellationToken.None);
        Assert.Equal(3, jobs.Count);
        Assert.All(jobs, j => Assert.Equal("a", j.Device));
        Assert.Empty(await s.LeaseAsync(OnboardingStore.HashKey("unknown"), "x", 10_000, 10, CancellationToken.None));
    }

    [Fact]
    public async Task Concurrent_agents_on_two_store_instances_complete_every_job_exactly_once()
    {
        // Two store objects on one database stand for two service replicas.
        await using var s1 = await Open();
        await using var s2 = await Open();
        var key = await DeviceWithJobs(s1, "dev", 120);
        var accepted = new ConcurrentBag<long>();
        var leasedTwice = 0;
        var held = new ConcurrentDictionary<long, byte>();
        var workers = Enumerable.Range(0, 6).Select(w => Task.Run(async () =>
        {
            var s = w % 2 == 0 ? s1 : s2;
            for (int round = 0; round < 200; round++)
            {
                var jobs = await s.LeaseAsync(key, $"w{w}", 60_000, 4, CancellationToken.None);
                if (jobs.Count == 0) break;
                foreach (var j in jobs)
                {
                    if (!held.TryAdd(j.Id, 0)) Interlocked.Increment(ref leasedTwice);
                    if ((await s.PostResultAsync("dev", Result(j, $"idem-{j.Id}-{w}"), CancellationToken.None)).Outcome == PostOutcome.Accepted) accepted.Add(j.Id);
                }
            }
        })).ToArray();
        await Task.WhenAll(workers);
        Assert.Equal(0, leasedTwice);
        Assert.Equal(120, accepted.Distinct().Count());
        Assert.Equal(120, accepted.Count);
        var c = await s1.CountsAsync(CancellationToken.None);
        Assert.Equal((120L, 120L, 120L, 0L), (c.Results, c.DistinctResults, c.Done, c.Queued + c.Leased));
    }

    [Fact]
    public async Task A_batch_post_stores_each_result_once_and_says_why_for_the_others()
    {
        await using var s = await Open();
        var key = await DeviceWithJobs(s, "dev", 4);
        var otherKey = await DeviceWithJobs(s, "other", 1);
        var jobs = await s.LeaseAsync(key, "a", 10_000, 4, CancellationToken.None);
        var foreign = Assert.Single(await s.LeaseAsync(otherKey, "b", 10_000, 1, CancellationToken.None));
        var mine = new HashSet<string> { "dev" };
        JobResult[] batch =
        [
            Result(jobs[0], "b0") with { EnergyMj = 3.5 }, Result(jobs[1], "b1"), Result(jobs[2], "b2") with { LeaseToken = "not-the-token" },
            Result(foreign, "b3"), new JobResult(999_999, "tok-xxxxxxxx", "b4", 1, null, null, "agent"),
        ];
        var first = await s.PostResultsAsync(mine, batch, CancellationToken.None);
        Assert.Equal([PostOutcome.Accepted, PostOutcome.Accepted, PostOutcome.Conflict, PostOutcome.Forbidden, PostOutcome.NotFound], first.Select(r => r.Outcome));
        Assert.Equal(("dev", jobs[0].Architecture), (first[0].Device, first[0].Architecture));
        // The whole batch again (a retry after a lost response): nothing stored twice.
        var again = await s.PostResultsAsync(mine, batch, CancellationToken.None);
        Assert.Equal([PostOutcome.Replayed, PostOutcome.Replayed, PostOutcome.Conflict, PostOutcome.Forbidden, PostOutcome.NotFound], again.Select(r => r.Outcome));
        // A key of a stored result on another job, and a new key on a done job: conflicts.
        var cross = await s.PostResultsAsync(mine, [Result(jobs[3], "b0"), Result(jobs[0], "fresh-key")], CancellationToken.None);
        Assert.Equal([PostOutcome.Conflict, PostOutcome.Conflict], cross.Select(r => r.Outcome));
        var c = await s.CountsAsync(CancellationToken.None);
        Assert.Equal((2L, 2L, 2L), (c.Results, c.DistinctResults, c.Done));
        var stored = await s.ResultsAsync("dev", CancellationToken.None);
        Assert.Equal([3.5, null], stored.OrderBy(r => r.JobId).Select(r => r.EnergyMj));
        Assert.Equal(PostOutcome.Accepted, (await s.PostResultAsync("other", Result(foreign, "b5"), CancellationToken.None)).Outcome);
    }

    [Fact]
    public async Task Enqueue_adds_only_new_architectures_and_leases_follow_the_given_order()
    {
        await using var s = await Open();
        var key = await DeviceWithJobs(s, "dev", 3);
        Assert.Equal(2, await s.EnqueueAsync("dev", ["z-next", "arch1", "a-last"], CancellationToken.None));
        Assert.Equal(0, await s.EnqueueAsync("dev", ["arch0", "a-last"], CancellationToken.None));
        Assert.Equal(0, await s.EnqueueAsync("dev", [], CancellationToken.None));
        var jobs = await s.LeaseAsync(key, "a", 10_000, 10, CancellationToken.None);
        Assert.Equal(["arch0", "arch1", "arch2", "z-next", "a-last"], jobs.Select(j => j.Architecture));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            s.EnqueueAsync("dev", Enumerable.Range(0, OnboardingStore.MaxEnqueue + 1).Select(i => $"x{i}").ToArray(), CancellationToken.None));
    }

    [Fact]
    public async Task A_batch_renewal_extends_only_leases_still_held_on_own_devices()
    {
        await using var s = await Open();
        var key = await DeviceWithJobs(s, "dev", 3);
        var otherKey = await DeviceWithJobs(s, "other", 1);
        var jobs = await s.LeaseAsync(key, "a", 1_000, 3, CancellationToken.None);
        var foreign = Assert.Single(await s.LeaseAsync(otherKey, "b", 1_000, 1, CancellationToken.None));
        await s.PostResultAsync("dev", Result(jobs[0], "done-0"), CancellationToken.None);
        var renewed = await s.RenewLeasesAsync(new HashSet<string> { "dev" },
            [(jobs[0].Id, jobs[0].LeaseToken), (jobs[1].Id, jobs[1].LeaseToken), (jobs[2].Id, "wrong-token"), (foreign.Id, foreign.LeaseToken)], 10_000, CancellationToken.None);
        Assert.Equal([jobs[1].Id], renewed.Order());
        _time.Advance(TimeSpan.FromSeconds(2));
        // jobs[2] (bad token) and the foreign job ran out; jobs[1] was extended.
        var reissued = await s.LeaseAsync(key, "c", 1_000, 5, CancellationToken.None);
        Assert.Equal([jobs[2].Id], reissued.Select(j => j.Id));
    }

    [Fact]
    public async Task Planner_leases_are_disjoint_and_move_to_a_survivor_when_a_replica_dies()
    {
        await using var s = await Open();
        for (int i = 0; i < 4; i++) Assert.True(await s.AddDeviceAsync($"d{i}", "nasbench201", 1, 1, 32, "{}", 50, CancellationToken.None));
        Assert.False(await s.AddDeviceAsync("d0", "nasbench201", 1, 1, 32, "{}", 50, CancellationToken.None));
        var r1 = await s.ClaimPlanningAsync("replica1", 1_000, 3, CancellationToken.None);
        var r2 = await s.ClaimPlanningAsync("replica2", 1_000, 3, CancellationToken.None);
        Assert.Equal(3, r1.Count);
        Assert.Equal(["d3"], r2);
        _time.Advance(TimeSpan.FromMilliseconds(600));
        Assert.Single(await s.RenewPlanningAsync("replica2", 1_000, CancellationToken.None));
        _time.Advance(TimeSpan.FromMilliseconds(600)); // replica1 stopped renewing: its devices are free
        var taken = await s.ClaimPlanningAsync("replica2", 1_000, 10, CancellationToken.None);
        Assert.Equal(r1.OrderBy(x => x), taken.OrderBy(x => x));
        Assert.Equal(3 + 1 + 3, await s.PipelineStartsAsync(CancellationToken.None)); // the survivor's three are restarts
        Assert.False(await s.FinishDeviceAsync("d0", "replica1", DeviceState.Onboarded, "{}", null, CancellationToken.None));
        Assert.True(await s.FinishDeviceAsync("d0", "replica2", DeviceState.Onboarded, "{}", null, CancellationToken.None));
        Assert.Equal(DeviceState.Onboarded, (await s.GetDeviceAsync("d0", CancellationToken.None))!.State);
    }

    [Fact]
    public async Task Deleting_a_device_removes_its_jobs_results_and_keys()
    {
        await using var s = await Open();
        var key = await DeviceWithJobs(s, "gone", 2);
        var j = (await s.LeaseAsync(key, "x", 10_000, 1, CancellationToken.None))[0];
        await s.PostResultAsync("gone", Result(j, "i"), CancellationToken.None);
        Assert.True(await s.DeleteDeviceAsync("gone", CancellationToken.None));
        Assert.Null(await s.FindKeyAsync("key-gone", CancellationToken.None));
        var c = await s.CountsAsync(CancellationToken.None);
        Assert.Equal((0L, 0L, 0L), (c.Devices, c.Jobs, c.Results));
    }
}

public sealed class SqliteStoreTests : StoreContract, IDisposable
{
    private readonly string _path = Repo.TempPath("store.db");
    protected override string Location => _path;

    public void Dispose()
    {
        foreach (var f in new[] { _path, _path + "-wal", _path + "-shm" }) File.Delete(f);
    }
}

[Collection("postgres")]
public sealed class PostgresStoreTests(PostgresServer server) : StoreContract
{
    private readonly string _location = server.NewSchema();
    protected override string Location => _location;
}

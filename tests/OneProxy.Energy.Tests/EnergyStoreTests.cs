using Microsoft.Data.Sqlite;
using OneProxy.Measurement;
using OneProxy.SearchSpaces;

namespace OneProxy.Energy.Tests;

/// <summary>Energy through the store: schema 3 migration in place, agent lines, export by metric.</summary>
public sealed class EnergyStoreTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("oneproxy-energy-").FullName;
    private string Db => Path.Combine(_dir, "m.db");
    private readonly ISearchSpace _space = SearchSpaceRegistry.Get("nasbench201");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private LatencyMeasurement M(int i, double ms, double? mj) => new("nasbench201", _space.Format(_space.Sample(new Random(i))), "h100",
        new MeasurementSetting(1, 1, 32), "rt", ms, ms, 0.1, 10, DateTimeOffset.UnixEpoch, "test", ms * 0.9, mj);

    [Fact]
    public void AVersion2StoreGainsAnEnergyColumnInPlaceAndKeepsItsRows()
    {
        using (var c = new SqliteConnection($"Data Source={Db};Pooling=False"))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            // The version-2 schema as session 4 shipped it, with one row.
            cmd.CommandText = """
                CREATE TABLE measurements (id INTEGER PRIMARY KEY, space TEXT NOT NULL, arch TEXT NOT NULL, device TEXT NOT NULL,
                    batch_size INTEGER NOT NULL, threads INTEGER NOT NULL, input_size INTEGER NOT NULL, runtime TEXT NOT NULL,
                    median_ms REAL NOT NULL CHECK (median_ms > 0), mean_ms REAL, std_ms REAL, repetitions INTEGER,
                    measured_at TEXT NOT NULL, source TEXT NOT NULL, min_ms REAL, UNIQUE (space, arch, device, batch_size, threads, input_size));
                INSERT INTO measurements (space, arch, device, batch_size, threads, input_size, runtime, median_ms, measured_at, source, min_ms)
                    VALUES ('nasbench201', 'x', 'old', 1, 1, 32, 'rt', 4.5, '2026-11-01T00:00:00.0000000+00:00', 'v2', 4.0);
                PRAGMA user_version = 2;
                """;
            cmd.ExecuteNonQuery();
        }
        using (var store = MeasurementStore.Open(Db))
        {
            var old = Assert.Single(store.Query());
            Assert.Equal(4.0, old.MinMs);
            Assert.Null(old.EnergyMj);
            store.Insert([M(1, 0.6, 88.2)]);
        }
        using var reopened = MeasurementStore.Open(Db);
        Assert.Equal([null, 88.2], reopened.Query().Select(m => m.EnergyMj));
        using var v = new SqliteConnection($"Data Source={Db};Pooling=False");
        v.Open();
        using var q = v.CreateCommand();
        q.CommandText = "PRAGMA user_version";
        Assert.Equal(3L, (long)q.ExecuteScalar()!);
    }

    [Fact]
    public void ANonPositiveEnergyIsRefusedAndNothingIsStored()
    {
        using var store = MeasurementStore.Open(Db);
        Assert.ThrowsAny<Exception>(() => store.Insert([M(1, 0.6, 10), M(2, 0.7, -1)]));
        Assert.Equal(0, store.Count);
    }

    [Fact]
    public void AgentLinesCarryEnergyAndABadEnergyNamesTheLine()
    {
        var ok = (AgentMeasurement)AgentOutputParser.Parse("""{"arch":"a","median_ms":0.6,"energy_mj":88.3,"power_w":137.2}""", "out.jsonl", 3)!;
        Assert.Equal(88.3, ok.EnergyMj);
        var none = (AgentMeasurement)AgentOutputParser.Parse("""{"arch":"a","median_ms":0.6}""", "out.jsonl", 4)!;
        Assert.Null(none.EnergyMj);
        var e = Assert.Throws<AgentProtocolException>(() => AgentOutputParser.Parse("""{"arch":"a","median_ms":0.6,"energy_mj":0}""", "out.jsonl", 5));
        Assert.Contains("out.jsonl:5", e.Message);
        Assert.Contains("energy_mj", e.Message);
    }

    [Fact]
    public void EnergyExportHasOnlyMeasurementsWithEnergyAndLatencyExportIsUnchanged()
    {
        using var store = MeasurementStore.Open(Db);
        store.Insert([M(1, 0.6, 80), M(2, 0.7, null), M(3, 0.8, 95)]);
        var energy = StoreTables.ToWideTable(store, _space, LatencyStatistic.Median, null, MeasuredMetric.Energy);
        Assert.Equal([80.0, 95.0], energy.Column("h100").ToArray());
        var latency = StoreTables.ToWideTable(store, _space);
        Assert.Equal([0.6, 0.7, 0.8], latency.Column("h100").ToArray());
        store.Insert([M(4, 0.9, null) with { Device = "cpu" }]);
        var e = Assert.Throws<StoreException>(() => StoreTables.ToWideTable(store, _space, LatencyStatistic.Median, ["cpu"], MeasuredMetric.Energy));
        Assert.Contains("no nasbench201 energy measurements", e.Message);
    }
}

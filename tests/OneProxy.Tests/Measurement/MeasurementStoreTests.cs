using OneProxy.Data;
using OneProxy.Measurement;
using OneProxy.SearchSpaces;

namespace OneProxy.Tests.Measurement;

public sealed class MeasurementStoreTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("oneproxy-store-").FullName;
    private readonly NasBench201Space _space = new();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string DbPath => Path.Combine(_dir, "m.db");

    private LatencyMeasurement M(int archIndex, string device, double ms, int batch = 1) =>
        new("nasbench201", _space.Format(_space.Enumerate().ElementAt(archIndex)), device, new MeasurementSetting(batch, 1, 32),
            "test-runtime", ms, ms * 1.1, 0.5, 20, new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero), "unit test", ms * 0.9);

    [Fact]
    public void RoundTripsEveryProvenanceField()
    {
        var m = M(7, "cpu", 12.5);
        using (var store = MeasurementStore.Open(DbPath)) Assert.Equal(new InsertOutcome(1, 0), store.Insert([m]));
        using var reopened = MeasurementStore.Open(DbPath);
        var back = Assert.Single(reopened.Query());
        Assert.Equal(m, back);
    }

    [Fact]
    public void DuplicatesAreCountedAndTheFirstValueIsKept()
    {
        using var store = MeasurementStore.Open(DbPath);
        Assert.Equal(new InsertOutcome(2, 0), store.Insert([M(1, "cpu", 10), M(2, "cpu", 20)]));
        Assert.Equal(new InsertOutcome(1, 2), store.Insert([M(1, "cpu", 99), M(2, "cpu", 99), M(3, "cpu", 30)]));
        Assert.Equal(3, store.Count);
        Assert.Equal([10.0, 20.0, 30.0], store.Query().Select(x => x.MedianMs));
        // Another setting of the same device is a different measurement, not a duplicate.
        Assert.Equal(new InsertOutcome(1, 0), store.Insert([M(1, "cpu", 50, batch: 64)]));
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(-1.0)]
    [InlineData(0.0)]
    [InlineData(double.PositiveInfinity)]
    public void ABadValueStoresNothingOfItsBatch(double bad)
    {
        using var store = MeasurementStore.Open(DbPath);
        store.Insert([M(1, "cpu", 10)]);
        var e = Assert.Throws<UnusableDataException>(() => store.Insert([M(2, "cpu", 20), M(3, "cpu", bad)]));
        Assert.Contains("median latency must be a positive number", e.Message);
        Assert.Equal(1, store.Count);
    }

    [Fact]
    public void ANewerSchemaIsRefusedNotGuessedAt()
    {
        using (var store = MeasurementStore.Open(DbPath)) store.Insert([M(1, "cpu", 10)]);
        using (var c = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={DbPath};Pooling=False"))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = "PRAGMA user_version = 99";
            cmd.ExecuteNonQuery();
        }
        var e = Assert.Throws<StoreException>(() => MeasurementStore.Open(DbPath));
        Assert.Contains("schema version 99 is newer", e.Message);
    }

    [Fact]
    public void AVersion1StoreGainsTheFastestRunColumnAndKeepsItsRows()
    {
        using (var c = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={DbPath};Pooling=False"))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            // The version-1 schema as session 3 shipped it, with one row.
            cmd.CommandText = """
                CREATE TABLE measurements (id INTEGER PRIMARY KEY, space TEXT NOT NULL, arch TEXT NOT NULL, device TEXT NOT NULL,
                    batch_size INTEGER NOT NULL, threads INTEGER NOT NULL, input_size INTEGER NOT NULL, runtime TEXT NOT NULL,
                    median_ms REAL NOT NULL CHECK (median_ms > 0), mean_ms REAL, std_ms REAL, repetitions INTEGER,
                    measured_at TEXT NOT NULL, source TEXT NOT NULL, UNIQUE (space, arch, device, batch_size, threads, input_size));
                INSERT INTO measurements (space, arch, device, batch_size, threads, input_size, runtime, median_ms, measured_at, source)
                    VALUES ('nasbench201', 'x', 'old', 1, 1, 32, 'rt', 4.5, '2026-11-01T00:00:00.0000000+00:00', 'v1');
                PRAGMA user_version = 1;
                """;
            cmd.ExecuteNonQuery();
        }
        using (var store = MeasurementStore.Open(DbPath))
        {
            var old = Assert.Single(store.Query());
            Assert.Equal(4.5, old.MedianMs);
            Assert.Null(old.MinMs);
            store.Insert([M(1, "cpu", 10)]);
        }
        using var reopened = MeasurementStore.Open(DbPath);
        Assert.Equal([null, 9.0], reopened.Query().Select(m => m.MinMs));
    }

    [Fact]
    public void AFastestRunAboveTheMedianIsRefused()
    {
        using var store = MeasurementStore.Open(DbPath);
        var e = Assert.Throws<UnusableDataException>(() => store.Insert([M(1, "cpu", 10) with { MinMs = 11 }]));
        Assert.Contains("at most the median 10", e.Message);
        Assert.Equal(0, store.Count);
    }

    [Fact]
    public void ExportWithTheMinimumNeedsItStoredAndNamesTheRowThatLacksIt()
    {
        using var store = MeasurementStore.Open(DbPath);
        store.Insert([M(1, "cpu", 10), M(2, "cpu", 20)]);
        var table = StoreTables.ToWideTable(store, _space, LatencyStatistic.Min);
        Assert.Equal([9.0, 18.0], table.Column("cpu").ToArray());
        store.Insert([M(3, "cpu", 30) with { MinMs = null, Source = "wide csv import" }]);
        var e = Assert.Throws<StoreException>(() => StoreTables.ToWideTable(store, _space, LatencyStatistic.Min));
        Assert.Contains("no fastest-run latency", e.Message);
        Assert.Contains("wide csv import", e.Message);
    }

    [Fact]
    public void AFileThatIsNotADatabaseGivesAClearError()
    {
        File.WriteAllText(DbPath, "index,arch,pixel3\n0,x,1.0\n");
        var e = Assert.Throws<StoreException>(() => MeasurementStore.Open(DbPath));
        Assert.Contains(DbPath, e.Message);
    }

    [Fact]
    public void ExportIsWideWithOneColumnPerDeviceAndSetting()
    {
        using var store = MeasurementStore.Open(DbPath);
        store.Insert([M(1, "cpu", 10), M(2, "cpu", 20), M(1, "gpu", 1), M(1, "gpu", 3, batch: 64), M(3, "gpu", 2)]);
        var table = StoreTables.ToWideTable(store, _space);
        Assert.Equal(["cpu", "gpu_b1_t1_i32", "gpu_b64_t1_i32"], table.ColumnNames);
        Assert.Equal(3, table.RowCount);
        Assert.Equal([10.0, 20.0, double.NaN], table.Column("cpu").ToArray());
        Assert.Equal([1.0, double.NaN, 2.0], table.Column("gpu_b1_t1_i32").ToArray());
        var complete = StoreTables.CompleteRows(table);
        Assert.Equal(1, complete.RowCount);
        var mean = StoreTables.ToWideTable(store, _space, LatencyStatistic.Mean, ["cpu"]);
        Assert.Equal(11.0, mean.Column("cpu")[0], 9);
        Assert.Throws<StoreException>(() => StoreTables.ToWideTable(store, _space, devices: ["phone"]));
    }

    [Fact]
    public void CsvExportReadsBackAndReimportsAsDuplicates()
    {
        using var store = MeasurementStore.Open(DbPath);
        store.Insert([M(1, "cpu", 10.125), M(2, "cpu", 20), M(1, "gpu", 1.5)]);
        var table = StoreTables.ToWideTable(store, _space);
        var csv = Path.Combine(_dir, "wide.csv");
        using (var w = new StreamWriter(csv)) WideCsvWriter.Write(table, _space, w);
        var back = WideTableReader.ReadLatency(csv, _space);
        Assert.Equal(table.ColumnNames, back.ColumnNames);
        Assert.Equal(table.Column("cpu").ToArray(), back.Column("cpu").ToArray());
        Assert.Equal(1, back.MissingCounts["gpu"]);
        var rows = StoreTables.FromWideTable(back, _space, new MeasurementSetting(1, 1, 32), "imported");
        Assert.Equal(3, rows.Count); // the empty cell is not stored
        Assert.Equal(new InsertOutcome(0, 3), store.Insert(rows));
    }

    [Fact]
    public void MobileNetArchitecturesWithCommasSurviveTheCsv()
    {
        var mb = new MobileNetV2Space();
        var archs = mb.SampleDistinct(3, new Random(1));
        using var store = MeasurementStore.Open(DbPath);
        store.Insert(archs.Select((a, i) => new LatencyMeasurement("mobilenetv2", mb.Format(a), "cpu", new MeasurementSetting(1, 1, 224),
            "t", 100 + i, null, null, null, DateTimeOffset.UtcNow, "test")).ToList());
        var csv = Path.Combine(_dir, "mb.csv");
        using (var w = new StreamWriter(csv)) WideCsvWriter.Write(StoreTables.ToWideTable(store, mb), mb, w);
        var back = WideTableReader.ReadLatency(csv, mb);
        Assert.Equal(archs, back.RequireArchitectures());
        Assert.Equal([100.0, 101.0, 102.0], back.Column("cpu").ToArray());
    }
}

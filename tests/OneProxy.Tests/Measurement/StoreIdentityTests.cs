using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using OneProxy.Measurement;

namespace OneProxy.Tests.Measurement;

public sealed class StoreIdentityTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("oneproxy-identity-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Foreign()
    {
        var path = Path.Combine(_dir, "other.db");
        SQLitePCL.Batteries_V2.Init();
        using var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO customers (name) VALUES ('ada');";
        cmd.ExecuteNonQuery();
        return path;
    }

    private static string Hash(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));

    [Fact]
    public void AnotherProgramsDatabaseIsRefusedAndLeftUnchanged()
    {
        var path = Foreign();
        var before = Hash(path);
        var e = Assert.Throws<StoreException>(() => MeasurementStore.Open(path));
        Assert.Contains("not a OneProxy measurement store", e.Message);
        Assert.Contains("customers", e.Message);
        Assert.Throws<StoreException>(() => MeasurementStore.OpenForReading(path));
        Assert.Equal(before, Hash(path));
        Assert.False(File.Exists(path + "-wal"));
    }

    [Fact]
    public void ReadingNeverCreatesAStore()
    {
        var path = Path.Combine(_dir, "typo.db");
        Assert.Contains("no such measurement store", Assert.Throws<StoreException>(() => MeasurementStore.OpenForReading(path)).Message);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void ANewStoreCarriesTheApplicationIdAndReadsBackReadOnly()
    {
        var path = Path.Combine(_dir, "m.db");
        using (var s = MeasurementStore.Open(path)) Assert.Equal(0, s.Count);
        using var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "PRAGMA application_id";
        Assert.Equal((long)MeasurementStore.ApplicationId, (long)cmd.ExecuteScalar()!);
        using var r = MeasurementStore.OpenForReading(path);
        Assert.Equal(0, r.Count);
    }

    [Fact]
    public void AFolderIsNotAStore()
    {
        Assert.Contains("is a folder", Assert.Throws<StoreException>(() => MeasurementStore.Open(_dir)).Message);
    }
}

namespace OneProxy.Storage;

/// <summary>The two databases one schema runs on.</summary>
public enum StoreKind { Sqlite, PostgreSql }

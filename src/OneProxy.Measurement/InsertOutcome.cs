namespace OneProxy.Measurement;

/// <summary>What a batch insert did: rows added, and rows already stored (left unchanged).</summary>
public readonly record struct InsertOutcome(int Inserted, int Duplicates);

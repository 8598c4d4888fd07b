namespace OneProxy.SearchSpaces;

/// <summary>
/// One architecture of a search space as its gene vector (one choice index per gene).
/// Immutable; equality is by value so architectures can key dictionaries and sets.
/// </summary>
public sealed class Architecture : IEquatable<Architecture>
{
    private readonly int[] _genes;
    private readonly int _hash;

    public Architecture(ReadOnlySpan<int> genes)
    {
        _genes = genes.ToArray();
        var h = new HashCode();
        foreach (var g in _genes) h.Add(g);
        _hash = h.ToHashCode();
    }

    public ReadOnlySpan<int> Genes => _genes;
    public int Length => _genes.Length;
    public int this[int i] => _genes[i];

    public bool Equals(Architecture? other) =>
        other is not null && _hash == other._hash && _genes.AsSpan().SequenceEqual(other._genes);

    public override bool Equals(object? obj) => obj is Architecture a && Equals(a);
    public override int GetHashCode() => _hash;
    public override string ToString() => string.Join(",", _genes);
}

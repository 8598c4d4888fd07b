using System.Collections;
using OneProxy.SearchSpaces;

namespace OneProxy.Service.Onboarding;

/// <summary>
/// One pipeline's shuffled order of the shared sample pool, held as an index permutation and its
/// inverse (8 bytes per architecture) instead of a copied array of references plus a dictionary
/// from architecture to position (about 40 bytes per architecture and a hash per entry): with a
/// thousand pipelines alive, that was most of a replica's memory. The pool itself is the
/// context's, shared and never modified.
/// </summary>
public sealed class PoolOrder : IReadOnlyList<Architecture>
{
    private readonly IReadOnlyList<Architecture> _pool;
    private readonly int[] _order;
    private readonly int[] _position;

    /// <param name="pool">The shared pool.</param>
    /// <param name="poolIndex">Position of an architecture in <paramref name="pool"/> (shared), or -1 when it is not in it.</param>
    /// <param name="random">Shuffles the order: the same permutation <c>random.Shuffle(pool.ToArray())</c> makes.</param>
    public PoolOrder(IReadOnlyList<Architecture> pool, Func<Architecture, int> poolIndex, Random random)
    {
        _pool = pool;
        _order = new int[pool.Count];
        for (int i = 0; i < _order.Length; i++) _order[i] = i;
        random.Shuffle(_order);
        _position = new int[_order.Length];
        for (int i = 0; i < _order.Length; i++) _position[_order[i]] = i;
        PoolIndex = poolIndex;
    }

    private Func<Architecture, int> PoolIndex { get; }

    public int Count => _order.Length;

    public Architecture this[int i] => _pool[_order[i]];

    /// <summary>Architectures at shuffled positions [start, end).</summary>
    public Architecture[] Slice(int start, int end)
    {
        if (start < 0 || end > Count || start > end) throw new ArgumentOutOfRangeException(nameof(start), $"slice [{start}, {end}) of a pool of {Count}");
        var result = new Architecture[end - start];
        for (int i = 0; i < result.Length; i++) result[i] = this[start + i];
        return result;
    }

    /// <summary>Shuffled position of <paramref name="a"/>; an architecture outside the pool throws.</summary>
    public int PositionOf(Architecture a)
    {
        int p = PoolIndex(a);
        return p >= 0 ? _position[p] : throw new KeyNotFoundException($"architecture {a} is not in the sample pool");
    }

    public IEnumerator<Architecture> GetEnumerator()
    {
        for (int i = 0; i < Count; i++) yield return this[i];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

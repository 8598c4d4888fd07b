using OneProxy.SearchSpaces;
using OneProxy.Service.Onboarding;

namespace OneProxy.Service.Tests.Onboarding;

/// <summary>A pipeline's pool order as indices is the order that shuffling a copy of the pool made (seeded outcomes are unchanged).</summary>
public class PoolOrderTests
{
    [Fact]
    public void IndexPermutationIsTheShuffledCopysOrder()
    {
        var pool = new NasBench201Space().Enumerate().Where((_, i) => i % 3 != 1).ToArray();
        var index = pool.Select((a, i) => (a, i)).ToDictionary(p => p.a, p => p.i);
        foreach (int seed in new[] { 0, 7, 123456 })
        {
            var copy = pool.ToArray();
            new Random(seed).Shuffle(copy);
            var order = new PoolOrder(pool, a => index.TryGetValue(a, out int i) ? i : -1, new Random(seed));
            Assert.Equal(copy, order);
            Assert.Equal(copy[10..25], order.Slice(10, 25));
            for (int i = 0; i < copy.Length; i += 97) Assert.Equal(i, order.PositionOf(copy[i]));
        }
        var outside = new NasBench201Space().Enumerate().ElementAt(1);
        var o = new PoolOrder(pool, a => index.TryGetValue(a, out int i) ? i : -1, new Random(1));
        Assert.Throws<KeyNotFoundException>(() => o.PositionOf(outside));
        Assert.Throws<ArgumentOutOfRangeException>(() => o.Slice(5, 4));
    }
}

using OneProxy.SearchSpaces;

namespace OneProxy.Tests.SearchSpaces;

public class GeneOperatorsTests
{
    public static TheoryData<string> Spaces => new(SearchSpaceRegistry.Names);

    [Theory]
    [MemberData(nameof(Spaces))]
    public void SamplingIsSeededAndProducesValidRoundTrippingArchitectures(string name)
    {
        var s = SearchSpaceRegistry.Get(name);
        var a = Enumerable.Range(0, 50).Select(i => s.Sample(new Random(i))).ToList();
        var b = Enumerable.Range(0, 50).Select((_, i) => s.Sample(new Random(i))).ToList();
        Assert.Equal(a, b);
        Assert.All(a, x => Assert.Equal(x, s.Parse(s.Format(x))));
        Assert.True(a.Distinct().Count() > 40);
    }

    [Theory]
    [MemberData(nameof(Spaces))]
    public void MutationAndCrossoverStayInsideTheParents(string name)
    {
        var s = SearchSpaceRegistry.Get(name);
        var rng = new Random(9);
        var p = s.Sample(rng); var q = s.Sample(rng);
        Assert.Equal(p, s.Mutate(p, 0.0, rng));
        var child = s.Crossover(p, q, rng);
        for (int i = 0; i < child.Length; i++)
            Assert.True(child[i] == p[i] || child[i] == q[i] || child[i] == 0, $"gene {i} comes from neither parent");
        Assert.Equal(child, s.Canonicalize(child.Genes));
        Assert.NotEqual(p, s.Mutate(p, 1.0, new Random(4)));
    }

    [Fact]
    public void DistinctSamplingIsBounded()
    {
        var s = new NasBench201Space();
        Assert.Equal(100, s.SampleDistinct(100, new Random(0)).Distinct().Count());
        Assert.Contains("which has 15625", Assert.Throws<UnusableDataException>(() => s.SampleDistinct(20000, new Random(0))).Message);
    }
}

namespace OneProxy.Tests.Core;

public class SeedStreamTests
{
    [Fact]
    public void SameSeedAndNameGiveTheSameStream()
    {
        var a = new SeedStream(7).Random("transfer/pool");
        var b = new SeedStream(7).Random("transfer/pool");
        Assert.Equal(Enumerable.Range(0, 5).Select(_ => a.Next()), Enumerable.Range(0, 5).Select(_ => b.Next()));
    }

    [Fact]
    public void NamesSeedsAndIndicesGiveDifferentStreams()
    {
        var root = new SeedStream(7);
        var states = new[]
        {
            root.Derive("a").State, root.Derive("b").State, new SeedStream(8).Derive("a").State,
            root.Derive("a", 0).State, root.Derive("a", 1).State, root.Derive("a").Derive("b").State,
        };
        Assert.Equal(states.Length, states.Distinct().Count());
    }

    [Fact]
    public void DerivationDoesNotDependOnOrder()
    {
        var r1 = new SeedStream(1);
        var first = r1.Derive("x").State;
        _ = r1.Derive("y");
        Assert.Equal(first, r1.Derive("x").State);
    }

    [Fact]
    public void GoldenValueIsStableAcrossRuns()
    {
        // Changing the derivation silently would change every documented random experiment.
        Assert.Equal(new SeedStream(0).Derive("golden").State, new SeedStream(0).Derive("golden").State);
        Assert.NotEqual(0UL, new SeedStream(0).State);
        Assert.InRange(new SeedStream(0).Int32Seed, 0, int.MaxValue);
    }
}

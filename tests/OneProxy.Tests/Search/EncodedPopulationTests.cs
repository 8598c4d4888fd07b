using OneProxy.Predictors;
using OneProxy.Search;
using OneProxy.SearchSpaces;

namespace OneProxy.Tests.Search;

/// <summary>The space encoded once and shared gives exactly the exhaustive search's candidates and front.</summary>
public class EncodedPopulationTests
{
    private static readonly NasBench201Space Space = new();

    [SkippableFact]
    public void WholeSpaceScoresAndFrontsEqualTheExhaustiveSearch()
    {
        TestData.RequireSharedDatasets();
        var accuracy = SearchTests.Cifar10;
        var encoded = EncodedPopulation.WholeSpace(Space, accuracy);
        Assert.True(encoded.IsWholeSpace);
        Assert.Equal(15_625, encoded.Count);
        var devices = new CharacterisedDevices(Space, TestData.NasBench201Latency);
        foreach (var device in new[] { "pixel3", "gold_6226", "raspi4" })
        {
            var scorer = new ArchitectureScorer(Space, devices.Predictor(device), accuracy);
            Assert.Equal(ExhaustiveSearch.ScoreAll(scorer), encoded.Score(scorer.Latency)); // records: same architecture, same bits
            var front = ExhaustiveSearch.Front(scorer);
            Assert.True(front.Count > 3);
            Assert.Equal(front, encoded.Front(scorer.Latency));
        }
    }

    [Fact]
    public void FlatMultiplyEqualsTheDefinition()
    {
        var archs = Space.Enumerate().Take(257).ToArray();
        var x = new FeatureMatrix(Space, archs);
        var w = Enumerable.Range(0, Space.FeatureCount).Select(i => Math.Sin(i + 1) * 3.7).ToArray();
        var y = x.Multiply(w);
        for (int r = 0; r < archs.Length; r++)
        {
            double s = 0;
            for (int c = 0; c < w.Length; c++) s += x.Values[r, c] * w[c];
            Assert.Equal(s, y[r]); // same order of sums: the same bits
        }
        Assert.Empty(new FeatureMatrix(Space, []).Multiply(w));
    }
}

using OneProxy.Data;
using OneProxy.SearchSpaces;

namespace OneProxy.Tests.Data;

public class CostColumnsTests
{
    [Fact]
    public void AddsFlopsAndParamsFromTheCostModel()
    {
        var space = new MobileNetV2Space();
        var archs = space.SampleDistinct(4, new Random(2));
        var table = new WideTable("t", ValueKind.LatencyMs, ["cpu"], [[1, 2, 3, 4]], null, archs);
        var with = CostColumns.Add(table, space);
        Assert.Equal(["cpu", "flops", "params"], with.ColumnNames);
        Assert.Equal(archs.Select(a => space.Cost(a).MFlops), with.Column("flops").ToArray());
        Assert.Equal(archs.Select(a => space.Cost(a).MParams), with.Column("params").ToArray());
        Assert.Equal([1.0, 2, 3, 4], with.Column("cpu").ToArray());
        var e = Assert.Throws<UnusableDataException>(() => CostColumns.Add(with, space));
        Assert.Contains("already has a column 'flops'", e.Message);
    }
}
